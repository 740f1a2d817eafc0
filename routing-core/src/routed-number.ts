import type { E164 } from './phone-number.ts';
import type { OverlapPolicy, RingStrategy } from './routing-table.ts';

/** A phone number (DID) whose calls are routed from one or more calendars. DIDs are globally unique. */
export interface RoutedNumber {
  readonly id: string;
  readonly tenantId: string;
  readonly did: E164;
  readonly name: string;
  readonly sourceIds: readonly string[];
  /** A contact key or an E.164 number; encrypted at rest since it may be a person's phone. */
  readonly fallback: string | null;
  readonly strategy: RingStrategy;
  readonly ringSeconds: number;
  readonly overlapPolicy: OverlapPolicy;
  readonly createdAt: number;
}

/** The DID as people type it; the store normalises it to E.164. */
export type NewRoutedNumber = { readonly did: string; readonly name: string } & Partial<
  Pick<RoutedNumber, 'sourceIds' | 'fallback' | 'strategy' | 'ringSeconds' | 'overlapPolicy'>
>;

export type RoutedNumberPatch = Partial<
  Pick<RoutedNumber, 'name' | 'sourceIds' | 'fallback' | 'strategy' | 'ringSeconds' | 'overlapPolicy'>
>;

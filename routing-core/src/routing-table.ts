import { z } from 'zod';
import { type E164, isE164 } from './phone-number.ts';
import { RoutingError } from './routing-error.ts';

export const overlapPolicies = ['layered', 'override'] as const;
export type OverlapPolicy = (typeof overlapPolicies)[number];

/** `sequential`: groups ring one after another; `simultaneous`: everyone on duty rings at once. */
export const ringStrategies = ['sequential', 'simultaneous'] as const;
export type RingStrategy = (typeof ringStrategies)[number];

/** Someone to ring: a contact (key and phone) or, for a fallback number, only a phone. */
export interface RoutingTarget {
  readonly key?: string;
  readonly phone: E164;
}

/** Targets that ring together. */
export type TargetGroup = readonly RoutingTarget[];

/**
 * A period in which the same groups are on duty, in ringing order; `events` are the instances that put
 * them there, in priority order per piece (merged neighbours add theirs after).
 */
export interface RoutingSlice {
  readonly start: number;
  readonly end: number;
  readonly groups: readonly TargetGroup[];
  readonly events: readonly string[];
}

/**
 * Everything needed to route calls to one number inside the horizon, as a plain JSON value: sorted,
 * non-overlapping slices; time not in any slice has nobody on duty. Times are epoch milliseconds.
 */
export interface RoutingTable {
  readonly format: 1;
  readonly did?: E164;
  readonly version: number;
  readonly compiledAt: number;
  readonly timeZone: string;
  readonly horizon: { readonly start: number; readonly end: number };
  readonly ringSeconds: number;
  readonly strategy: RingStrategy;
  readonly overlapPolicy: OverlapPolicy;
  readonly fallback: RoutingTarget | null;
  readonly slices: readonly RoutingSlice[];
}

// libphonenumber, not a regex (DESIGN.md §4): a snapshot must not smuggle in a number compile would refuse.
const e164Schema = z.string().refine(isE164, 'expected a valid E.164 number');

const targetSchema = z.object({ key: z.string().min(1).optional(), phone: e164Schema }).strict();
const instantSchema = z.number().int();

export const routingTableSchema = z
  .object({
    format: z.literal(1),
    did: e164Schema.optional(),
    version: z.number().int().nonnegative(),
    compiledAt: instantSchema,
    timeZone: z.string().min(1),
    horizon: z.object({ start: instantSchema, end: instantSchema }).strict(),
    ringSeconds: z.number().int().min(1).max(600),
    strategy: z.enum(ringStrategies),
    overlapPolicy: z.enum(overlapPolicies),
    fallback: targetSchema.nullable(),
    slices: z.array(
      z
        .object({
          start: instantSchema,
          end: instantSchema,
          groups: z.array(z.array(targetSchema).min(1)).min(1),
          events: z.array(z.string()),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((table, context) => {
    let previousEnd = table.horizon.start;
    table.slices.forEach((slice, index) => {
      if (slice.start < previousEnd || slice.end <= slice.start || slice.end > table.horizon.end) {
        context.addIssue({
          code: 'custom',
          path: ['slices', index],
          message: 'slices must be sorted, non-empty and inside the horizon',
        });
      }
      previousEnd = slice.end;
    });
  });

/** Reads a routing table from JSON (a snapshot on disk, a store document) and checks its invariants. */
export const parseRoutingTable = (value: unknown): RoutingTable => {
  const result = routingTableSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RoutingError(
      'INVALID_ROUTING_TABLE',
      `routing table: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      {
        cause: result.error,
      },
    );
  }
  return result.data;
};

import { createHmac } from 'node:crypto';
import type { BotConversationKind } from '@wygc/routing-core';
import { StoreError } from './store-error.ts';

/**
 * Keyed digests for the lookups that happen before the tenant is known (sign-in by email or single
 * sign-on; the Teams bot forgetting a user or a team). One store-wide key, kept with the
 * key-encryption keys and never in the database, so the digests in a stolen database cannot be tested
 * against a list of addresses or Entra ids.
 */
export interface LookupIndex {
  email(email: string): string;
  identity(kind: 'entra' | 'google', value: string): string;
  botConversation(kind: BotConversationKind, externalId: string): string;
}

export const normaliseEmailForLookup = (email: string): string => email.trim().normalize('NFC').toLowerCase();

export const createLookupIndex = (key: Uint8Array): LookupIndex => {
  if (key.byteLength < 32) throw new StoreError('INVALID_INPUT', 'the lookup key must be at least 32 bytes');
  const digest = (purpose: string, value: string) =>
    createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest('base64url');
  return {
    email: (email) => digest('email', normaliseEmailForLookup(email)),
    identity: (kind, value) => digest(`identity:${kind}`, value),
    botConversation: (kind, externalId) => digest(`bot-conversation:${kind}`, externalId),
  };
};

import { type ContactInput, type ContactPatch, parseContact, type StoredContact } from '@wygc/routing-core';
import { validated } from './invalid-input.ts';
import type { RecordSpec } from './record-repository.ts';

/** Keys are unique regardless of case in every tenant, so switching a tenant to case-insensitive matching never creates a clash. */
export const normaliseContactKey = (key: string): string => key.normalize('NFC').toUpperCase();

const checked = (id: string, tenantId: string, input: unknown): StoredContact => ({
  id,
  tenantId,
  ...validated('contact', () => parseContact(input)),
});

export const contactRecords = (tenantId: string): RecordSpec<StoredContact, ContactInput, ContactPatch> => ({
  collection: 'contacts',
  category: 'contact',
  build: (input, { id }) => checked(id, tenantId, input),
  merge: (current, patch) => {
    const { clearDescription, ...changes } = patch;
    const { id: _id, tenantId: _tenant, ...rest } = { ...current, ...changes };
    if (clearDescription) delete (rest as { description?: string }).description;
    return checked(current.id, tenantId, rest);
  },
  fields: (contact) => ({ keyNorm: normaliseContactKey(contact.key) }),
});

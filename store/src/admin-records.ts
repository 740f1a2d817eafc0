import {
  type AdminAccount,
  type AdminAccountPatch,
  adminRoles,
  type NewAdminAccount,
} from '@wygc/routing-core';
import { z } from 'zod';
import { parseInput } from './invalid-input.ts';
import type { LookupIndex } from './lookup-index.ts';
import type { RecordSpec } from './record-repository.ts';

const identitiesSchema = z
  .object({
    entra: z
      .object({ tid: z.string().min(1), oid: z.string().min(1) })
      .strict()
      .optional(),
    googleSub: z.string().min(1).optional(),
  })
  .strict();

const newAdminSchema = z
  .object({
    email: z.email().max(254),
    role: z.enum(adminRoles),
    passwordHash: z.string().min(1).optional(),
    identities: identitiesSchema.optional(),
  })
  .strict();

const patchSchema = z
  .object({
    role: z.enum(adminRoles).optional(),
    passwordHash: z.string().min(1).optional(),
    totp: z
      .object({ secret: z.string().min(16), confirmed: z.boolean(), lastStep: z.number().int() })
      .strict()
      .optional(),
    identities: identitiesSchema.optional(),
    failedLogins: z.number().int().nonnegative().optional(),
    lockedUntil: z.number().int().optional(),
    endedSessions: z
      .array(z.object({ sid: z.string().min(1).max(128), expiresAt: z.number().int() }).strict())
      .max(100)
      .optional(),
    clearTotp: z.boolean().optional(),
    clearLock: z.boolean().optional(),
  })
  .strict();

export const adminRecords = (
  tenantId: string,
  lookup: LookupIndex,
): RecordSpec<AdminAccount, NewAdminAccount, AdminAccountPatch> => ({
  collection: 'admins',
  category: 'admin-account',
  build: (input, { id, now }) => {
    const valid = parseInput(newAdminSchema, input, 'admin');
    return {
      id,
      tenantId,
      email: valid.email.trim(),
      role: valid.role,
      ...(valid.passwordHash ? { passwordHash: valid.passwordHash } : {}),
      identities: valid.identities ?? {},
      failedLogins: 0,
      createdAt: now,
    };
  },
  merge: (current, patch) => {
    const { clearTotp, clearLock, ...changes } = parseInput(patchSchema, patch, 'admin');
    const next: AdminAccount & { totp?: unknown; lockedUntil?: number } = { ...current, ...changes };
    if (clearTotp) delete next.totp;
    if (clearLock) {
      delete next.lockedUntil;
      return { ...next, failedLogins: 0 };
    }
    return next;
  },
  fields: (admin) => ({
    emailIndex: lookup.email(admin.email),
    entraId: admin.identities.entra
      ? lookup.identity('entra', `${admin.identities.entra.tid}:${admin.identities.entra.oid}`)
      : null,
    googleSub: admin.identities.googleSub ? lookup.identity('google', admin.identities.googleSub) : null,
  }),
});

import { randomBytes } from 'node:crypto';
import type { SyncJobQueue } from '@wygc/calendar-sync';
import type { Store } from '@wygc/routing-core';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { PasswordHasher } from './auth/password-hasher.ts';

export const demoEmail = 'demo@example.nl';
export const demoDid = '+31 50 700 0000';

export interface DemoOrganisation {
  readonly tenantId: string;
  readonly numberId: string;
  readonly sourceId: string;
  readonly email: string;
  /** Generated; shown once, stored only as its hash. */
  readonly password: string;
  readonly contacts: number;
}

const contactRowSchema = z.object({
  key: z.string().min(1),
  phone: z.string().min(1),
  description: z.string().optional(),
});

/**
 * Seeds an empty installation with the example organisation: the contacts of examples/contacts.csv,
 * the number +31 50 700 0000 fed by the example calendar at `feedUrl` (fallback MK, the control room),
 * and an owner with a generated password; then queues the first sync. Does nothing (undefined) when
 * the installation already has an organisation.
 */
export const createDemoOrganisation = async (deps: {
  readonly store: Store;
  readonly hasher: PasswordHasher;
  readonly queue: SyncJobQueue;
  readonly contactsCsv: string;
  readonly feedUrl: string;
}): Promise<DemoOrganisation | undefined> => {
  const { store } = deps;
  if ((await store.tenants.list()).length > 0) return undefined;
  const context = { actor: 'system:demo' };
  const tenant = await store.tenants.create(
    { name: 'Storingsdienst Groningen (demo)', timeZone: 'Europe/Amsterdam' },
    context,
  );
  const scoped = store.forTenant(tenant.id, context);
  const password = randomBytes(12).toString('base64url');
  await scoped.admins.create({
    email: demoEmail,
    role: 'owner',
    passwordHash: await deps.hasher.hash(password),
  });
  const rows = z
    .array(contactRowSchema)
    .parse(parse(deps.contactsCsv, { columns: true, skip_empty_lines: true, trim: true }));
  for (const { key, phone, description } of rows) {
    await scoped.contacts.create({ key, phone, ...(description ? { description } : {}) });
  }
  const source = await scoped.sources.create({
    provider: 'ics',
    externalId: deps.feedUrl,
    name: 'Storingsdienst',
    timeZone: 'Europe/Amsterdam',
  });
  const number = await scoped.numbers.create({
    did: demoDid,
    name: 'Storingsdienst',
    sourceIds: [source.id],
    fallback: 'MK',
  });
  await deps.queue.enqueue({ tenantId: tenant.id, sourceId: source.id });
  return {
    tenantId: tenant.id,
    numberId: number.id,
    sourceId: source.id,
    email: demoEmail,
    password,
    contacts: rows.length,
  };
};

import {
  type RoutingTable,
  type RoutingTarget,
  type Store,
  type TargetGroup,
  toE164,
} from '@wygc/routing-core';

// Numbers and tables for the SIP tests; uas-target-phone.xml gives each target phone its behaviour.

/** Rings and never answers. */
export const jd: RoutingTarget = { key: 'JD', phone: toE164('+31612345678') };
/** Busy: 486. */
export const pk: RoutingTarget = { key: 'PK', phone: toE164('+31623456789') };
/** Answers. */
export const ab: RoutingTarget = { key: 'AB', phone: toE164('+31634567890') };

const hour = 3_600_000;
const day = 24 * hour;

/** A table whose one duty slice covers `now` (none when `groups` is empty). */
export const tableAround = (
  now: number,
  options: { groups: readonly TargetGroup[]; fallback?: RoutingTarget | null; ringSeconds?: number },
): RoutingTable => ({
  format: 1,
  version: 1,
  compiledAt: now,
  timeZone: 'Europe/Amsterdam',
  horizon: { start: now - day, end: now + 35 * day },
  ringSeconds: options.ringSeconds ?? 20,
  strategy: 'sequential',
  overlapPolicy: 'layered',
  fallback: options.fallback ?? null,
  slices:
    options.groups.length === 0
      ? []
      : [{ start: now - hour, end: now + day, groups: options.groups, events: ['e2e-shift'] }],
});

const context = { actor: 'system:test' };

/** A tenant with one routed number; returns what publishTable and the call records need. */
export const seedNumber = async (
  store: Store,
  did: string,
): Promise<{ tenantId: string; numberId: string }> => {
  const tenant = await store.tenants.create({ name: `Tenant ${did}` }, context);
  const number = await store.forTenant(tenant.id, context).numbers.create({ did, name: 'Storing' });
  return { tenantId: tenant.id, numberId: number.id };
};

/** Publishes the next version of the number's table; resolves with that version. */
export const publishTable = async (
  store: Store,
  ids: { tenantId: string; numberId: string },
  table: RoutingTable,
): Promise<number> => {
  const tenant = store.forTenant(ids.tenantId, context);
  const current = await tenant.tables.get(ids.numberId);
  const [published] = await tenant.tables.publish([
    { numberId: ids.numberId, expectedVersion: current?.version ?? null, table, unmatched: [] },
  ]);
  if (!published) throw new Error('nothing was published');
  return published.version;
};

export const callRecordsOf = async (store: Store, ids: { tenantId: string }) =>
  (await store.forTenant(ids.tenantId, context).calls.list({ limit: 1000 })).items;

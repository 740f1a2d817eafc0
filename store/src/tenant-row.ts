import { type Tenant, tenantSettingsSchema } from '@wygc/routing-core';
import type { TenantRow } from './store-driver.ts';

export const tenantFromRow = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  status: row.status,
  timeZone: row.timeZone,
  settings: tenantSettingsSchema.parse(JSON.parse(row.settings)),
  createdAt: row.createdAt,
});

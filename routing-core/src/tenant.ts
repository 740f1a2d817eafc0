import { z } from 'zod';
import { overlapPolicies } from './routing-table.ts';

export const tenantSettingsSchema = z
  .object({
    ringSeconds: z.number().int().min(5).max(300).default(20),
    overlapPolicy: z.enum(overlapPolicies).default('layered'),
    caseSensitiveKeys: z.boolean().default(false),
    cdrRetentionDays: z.number().int().min(1).max(3650).default(90),
    auditRetentionDays: z.number().int().min(30).max(3650).default(365),
  })
  .strict();

export type TenantSettings = z.output<typeof tenantSettingsSchema>;

export const tenantStatuses = ['active', 'terminated'] as const;
export type TenantStatus = (typeof tenantStatuses)[number];

/** A customer organisation: the controller of its data; every other record belongs to exactly one. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly status: TenantStatus;
  readonly timeZone: string;
  readonly settings: TenantSettings;
  readonly createdAt: number;
}

export const newTenantSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    timeZone: z.string().min(1).default('Europe/Amsterdam'),
    settings: tenantSettingsSchema.partial().default({}),
  })
  .strict();

export type NewTenant = z.input<typeof newTenantSchema>;

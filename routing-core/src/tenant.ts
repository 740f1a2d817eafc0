import { z } from 'zod';
import { overlapPolicies } from './routing-table.ts';

/** A DNS domain such as "storingsdienst.nl", kept in lower case. */
export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as example.nl',
  );

const settingsShape = {
  ringSeconds: z.number().int().min(5).max(300),
  overlapPolicy: z.enum(overlapPolicies),
  caseSensitiveKeys: z.boolean(),
  cdrRetentionDays: z.number().int().min(1).max(3650),
  auditRetentionDays: z.number().int().min(30).max(3650),
  /**
   * Google Workspace domains whose calendars this organisation may connect by domain-wide delegation.
   * Our service account is delegated by every such customer alike, so the operator links a domain to
   * the one organisation it belongs to (`wygc tenants domains`).
   */
  googleWorkspaceDomains: z.array(domainNameSchema).max(50),
};

export const tenantSettingsSchema = z
  .object({
    ringSeconds: settingsShape.ringSeconds.default(20),
    overlapPolicy: settingsShape.overlapPolicy.default('layered'),
    caseSensitiveKeys: settingsShape.caseSensitiveKeys.default(false),
    cdrRetentionDays: settingsShape.cdrRetentionDays.default(90),
    auditRetentionDays: settingsShape.auditRetentionDays.default(365),
    googleWorkspaceDomains: settingsShape.googleWorkspaceDomains.default([]),
  })
  .strict();

/**
 * A change to some settings. Without defaults: zod's partial() keeps them, which would reset every
 * setting the change does not name.
 */
export const tenantSettingsPatchSchema = z.object(settingsShape).partial().strict();

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

import { z } from 'zod';

// The shapes of the admin API's answers that the tab relies on (functions/src/*-routes.ts). Fields the
// server adds later are tolerated (and dropped); a missing or mistyped field is refused here, at the
// boundary, instead of surfacing as a blank cell somewhere in the UI.

export const adminRoles = ['owner', 'admin', 'member'] as const;
export type AdminRole = (typeof adminRoles)[number];

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const sessionSchema = z.object({
  token: z.string().optional(),
  expiresAt: z.string(),
  adminId: z.string(),
  tenantId: z.string(),
  role: z.enum(adminRoles),
  csrf: z.string(),
});
export type Session = z.output<typeof sessionSchema>;

export const sessionBodySchema = z.object({ session: sessionSchema });

export const loginResultSchema = z.union([
  sessionBodySchema,
  z.object({ secondFactor: z.object({ ticket: z.string() }) }),
]);
export type LoginResult = z.output<typeof loginResultSchema>;

export const meSchema = z.object({
  adminId: z.string(),
  tenantId: z.string(),
  role: z.enum(adminRoles),
  email: z.string(),
  totpEnrolled: z.boolean(),
  /** Linked sign-in identities; entra is the Microsoft account Teams signs in with. */
  sso: z.object({ entra: z.boolean(), google: z.boolean() }),
  tenant: z.object({ name: z.string(), timeZone: z.string() }),
});
export type Me = z.output<typeof meSchema>;

export const totpOfferSchema = z.object({
  otpauthUri: z.string(),
  qrCodeDataUrl: z.string().startsWith('data:image/'),
  secret: z.string(),
});
export type TotpOffer = z.output<typeof totpOfferSchema>;

export const contactSchema = z.object({
  id: z.string(),
  key: z.string(),
  phone: z.string(),
  description: z.string().optional(),
});
export type Contact = z.output<typeof contactSchema>;

export const overlapPolicies = ['layered', 'override'] as const;
export const ringStrategies = ['sequential', 'simultaneous'] as const;

export const routedNumberSchema = z.object({
  id: z.string(),
  did: z.string(),
  name: z.string(),
  sourceIds: z.array(z.string()),
  fallback: z.string().nullable(),
  strategy: z.enum(ringStrategies),
  ringSeconds: z.number().int(),
  overlapPolicy: z.enum(overlapPolicies),
  createdAt: z.string(),
});
export type RoutedNumber = z.output<typeof routedNumberSchema>;

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  settings: z.object({
    ringSeconds: z.number().int(),
    overlapPolicy: z.enum(overlapPolicies),
    caseSensitiveKeys: z.boolean(),
    cdrRetentionDays: z.number().int(),
    auditRetentionDays: z.number().int(),
    googleWorkspaceDomains: z.array(z.string()),
  }),
  createdAt: z.string(),
});
export type Organisation = z.output<typeof organisationSchema>;

export const targetSchema = z.object({ key: z.string().nullable(), phone: z.string() });
export type Target = z.output<typeof targetSchema>;
/** Groups in ringing order; the targets of one group ring together. */
export type Attempts = readonly (readonly Target[])[];

const periodShape = { start: z.string(), end: z.string() };

export const coverageSchema = z.object({
  numberId: z.string(),
  did: z.string(),
  timeZone: z.string(),
  version: z.number().int(),
  from: z.string(),
  to: z.string(),
  clipped: z.boolean(),
  fallback: targetSchema.nullable(),
  slices: z.array(z.object({ ...periodShape, attempts: z.array(z.array(targetSchema)) })),
  gaps: z.array(z.object(periodShape)),
  unmatched: z.array(
    z.object({ ...periodShape, uid: z.string(), subject: z.string(), unmatchedTokens: z.array(z.string()) }),
  ),
});
export type Coverage = z.output<typeof coverageSchema>;

export const decisionSchema = z.object({
  at: z.string(),
  reason: z.enum(['duty', 'fallback', 'none']),
  fallbackUsed: z.boolean(),
  attempts: z.array(z.array(targetSchema)),
  ringSeconds: z.number().int(),
  from: z.string().nullable(),
  until: z.string().nullable(),
  withinHorizon: z.boolean(),
  version: z.number().int(),
  events: z.array(z.string()),
});
export type Decision = z.output<typeof decisionSchema>;

export const calendarProviders = ['google', 'microsoft', 'ics', 'caldav'] as const;

export const calendarSchema = z.object({
  id: z.string(),
  provider: z.enum(calendarProviders),
  name: z.string(),
  externalId: z.string(),
  timeZone: z.string(),
  channel: z.object({ expiresAt: z.string() }).nullable(),
  lastSync: z
    .object({
      at: z.string(),
      ok: z.boolean(),
      upserted: z.number().int(),
      deleted: z.number().int(),
      error: z.string().optional(),
    })
    .nullable(),
});
export type Calendar = z.output<typeof calendarSchema>;

export const syncReportSchema = z.object({
  ok: z.boolean(),
  upserted: z.number().int(),
  deleted: z.number().int(),
  error: z.string().optional(),
});
export type SyncReport = z.output<typeof syncReportSchema>;

export const authorizationUrlSchema = z.object({ authorizationUrl: z.url() });
export const adminConsentUrlSchema = z.object({ adminConsentUrl: z.url() });

export const takeoverSchema = z.object({
  id: z.string(),
  numberId: z.string(),
  contactKey: z.string(),
  start: z.string(),
  end: z.string(),
});
export type Takeover = z.output<typeof takeoverSchema>;

export const adminAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(adminRoles),
  totpEnrolled: z.boolean(),
  sso: z.object({ entra: z.boolean(), google: z.boolean() }),
  createdAt: z.string(),
});
export type AdminAccount = z.output<typeof adminAccountSchema>;

export const invitedSchema = z.object({
  account: adminAccountSchema,
  invitationToken: z.string(),
  invitationExpiresAt: z.string(),
});
export type Invited = z.output<typeof invitedSchema>;

export const callSchema = z.object({
  id: z.string(),
  did: z.string(),
  caller: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  reason: z.enum(['duty', 'fallback', 'none']),
  attempts: z.array(
    z.object({ key: z.string().nullable(), phone: z.string(), sipStatus: z.number(), ms: z.number() }),
  ),
  outcome: z.string(),
  answeredBy: z.string().nullable(),
});
export type Call = z.output<typeof callSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.object({ category: z.string(), id: z.string().nullable() }),
  sourceIp: z.string().nullable(),
  outcome: z.string(),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;

/** A page of a time-ordered listing, newest first. */
export const pageOf = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });

export const listOf = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item) });

export const erasureReportSchema = z.object({
  contactId: z.string(),
  callRecordsPseudonymised: z.number().int(),
  tablesRepublished: z.number().int(),
});
export type ErasureReport = z.output<typeof erasureReportSchema>;

export const terminationReportSchema = z.object({
  tenantId: z.string(),
  terminatedAt: z.number(),
  keyDestroyed: z.boolean(),
});
export type TerminationReport = z.output<typeof terminationReportSchema>;

export const exportCategories = [
  'contacts',
  'numbers',
  'sources',
  'events',
  'calls',
  'audit',
  'admins',
  'botConversations',
] as const;
export type ExportCategory = (typeof exportCategories)[number];

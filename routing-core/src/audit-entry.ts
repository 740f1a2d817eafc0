export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export const personalDataCategories = [
  'admin-account',
  'contact',
  'calendar-source',
  'routed-number',
  'duty-event',
  'call-record',
  'audit-entry',
  'bot-conversation',
  'bot-notice',
] as const;
export type PersonalDataCategory = (typeof personalDataCategories)[number];

/**
 * Who did what to which data, when, from where, with which result. Append-only: the store offers no
 * way to change or delete one entry except the retention purge and tenant termination.
 */
export interface AuditEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly at: number;
  /** "admin:<id>", "system:<job>", "calendar:<source id>", "sip" — never an email. */
  readonly actor: string;
  /** Dotted verb, e.g. "contact.read", "contact.update", "auth.login", "tenant.export". */
  readonly action: string;
  readonly target: { readonly category: PersonalDataCategory | 'tenant' | 'session'; readonly id?: string };
  readonly sourceIp?: string;
  readonly outcome: AuditOutcome;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'tenantId'>;

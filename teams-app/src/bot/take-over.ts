/**
 * "Take the calls of this number for the next N hours": an override duty event in the number's
 * internal overrides calendar, then a recompile. Implemented once, beside the takeover API
 * (functions/src/takeover-routes.ts); the bot only calls it.
 */
export interface TakeOverRequest {
  readonly tenantId: string;
  readonly numberId: string;
  /** An existing contact key of the tenant, as stored (e.g. "JD"). */
  readonly contactKey: string;
  /** Whole hours, 1 to 72, the same range as the takeover API. */
  readonly hours: number;
  /** Who asked, for the audit log: "admin:<id>" of the Teams user's linked account. */
  readonly actor: string;
}

export interface TakeOverResult {
  /** When the takeover ends (epoch ms). */
  readonly end: number;
}

export type TakeOver = (request: TakeOverRequest) => Promise<TakeOverResult>;

export const takeOverHours = { min: 1, max: 72 } as const;

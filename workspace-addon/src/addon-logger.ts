/**
 * The logging the add-on needs; pino's Logger fits it. Entries carry endpoints, outcomes and error
 * codes only: never emails, subjects, phone numbers or tokens.
 */
export interface AddonLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

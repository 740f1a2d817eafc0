/**
 * The few log calls the bot makes, pino-compatible. Fields carry ids and error codes only: never a
 * phone number, an e-mail address, an event subject, message text or a token.
 */
export interface BotLogger {
  info(fields: Readonly<Record<string, unknown>>, message: string): void;
  warn(fields: Readonly<Record<string, unknown>>, message: string): void;
  error(fields: Readonly<Record<string, unknown>>, message: string): void;
}

export const silentBotLogger: BotLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** What may be logged about an error: its class and code, not its message (it may quote input). */
export const errorFields = (error: unknown): Record<string, unknown> => {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const code = (error as { code?: unknown }).code;
  return { errorType: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}) };
};

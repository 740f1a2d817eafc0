import { z } from 'zod';

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'expected a GUID');

/**
 * The bot's single-tenant Entra app registration: Bot Framework authenticates incoming activities
 * against it and it signs the bot's outgoing calls. The secret is never logged or echoed in errors.
 */
export const botFrameworkConfigSchema = z
  .object({
    /** MicrosoftAppId: the bot's app registration (the manifest's botId). */
    appId: guid,
    /** MicrosoftAppPassword: a client secret of that registration. */
    appPassword: z.string().min(1),
    /** MicrosoftAppTenantId: the Entra tenant the registration lives in. */
    tenantId: guid,
  })
  .strict();

export type BotFrameworkConfig = z.output<typeof botFrameworkConfigSchema>;

export const parseBotFrameworkConfig = (input: unknown): BotFrameworkConfig => {
  const result = botFrameworkConfigSchema.safeParse(input);
  if (!result.success) {
    // Name the fields only: a zod message could quote the value, and one of them is a secret.
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'config'))];
    throw new Error(`invalid bot configuration: check ${fields.join(', ')}`);
  }
  return result.data;
};

import { z } from 'zod';

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'expected a GUID')
  .transform((value) => value.toLowerCase());

/**
 * What differs between installations of the Teams app: the ids of the Entra app registrations and the
 * public host name that serves the tab, the SSO resource and the bot endpoint.
 */
export const teamsPackageConfigSchema = z
  .object({
    /** The Teams app id (manifest `id`), a GUID of our choosing, stable across versions. */
    appId: guid,
    /** The bot's Microsoft App ID (its Entra app registration). */
    botId: guid,
    /** The Entra app registration the tab's SSO tokens are issued for (`webApplicationInfo.id`). */
    clientId: guid,
    /** A DNS name without scheme, port or path: Teams loads https://<host>/... and checks validDomains. */
    host: z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'expected a host name such as teams.example.com (no scheme, port or path)',
      ),
    /** The app version; Teams only accepts an updated package when it grows (MAJOR.MINOR.PATCH). */
    version: z
      .string()
      .trim()
      .regex(/^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/, 'expected MAJOR.MINOR.PATCH, e.g. 1.0.0'),
  })
  .strict();

export type TeamsPackageConfig = z.output<typeof teamsPackageConfigSchema>;

/** Validates a package configuration; the error names every field that is wrong. */
export const parseTeamsPackageConfig = (input: unknown): TeamsPackageConfig => {
  const result = teamsPackageConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
      return `${issue.path.join('.') || 'config'}: ${missing ? 'missing' : issue.message}`;
    });
    throw new Error(`invalid Teams package configuration: ${problems.join('; ')}`);
  }
  return result.data;
};

/** The environment variables a build reads when no configuration file names a value. */
export const teamsPackageEnvNames = {
  appId: 'WYGC_TEAMS_APP_ID',
  botId: 'WYGC_TEAMS_BOT_ID',
  clientId: 'WYGC_TEAMS_CLIENT_ID',
  host: 'WYGC_TEAMS_HOST',
  version: 'WYGC_TEAMS_APP_VERSION',
} as const satisfies Record<keyof TeamsPackageConfig, string>;

/**
 * Merges the environment (given, never read here) with a configuration file's values; the file wins.
 * Unset variables are left out, so the schema reports them as missing.
 */
export const teamsPackageConfigFrom = (
  env: Readonly<Record<string, string | undefined>>,
  file: unknown = {},
): TeamsPackageConfig => {
  const fromEnv: Record<string, string> = {};
  for (const [field, name] of Object.entries(teamsPackageEnvNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[field] = value;
  }
  const fileValues = z.record(z.string(), z.unknown()).safeParse(file);
  if (!fileValues.success) throw new Error('invalid Teams package configuration: expected a JSON object');
  return parseTeamsPackageConfig({ ...fromEnv, ...fileValues.data });
};

import { z } from 'zod';

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

const base64Key = z
  .string()
  .transform((value) => new Uint8Array(Buffer.from(value, 'base64')))
  .refine((key) => key.byteLength >= 32, 'must be at least 32 bytes, base64-encoded');

/**
 * Every setting of the HTTP functions and the all-in-one server, read from the environment once. The
 * embedded defaults run the whole product locally with SQLite and a key file under ./data.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  WYGC_DATA_DIR: z.string().min(1).default('./data'),
  /** Where browsers and providers reach us; webhooks and OAuth callbacks are built from it. */
  WYGC_PUBLIC_URL: z.url().optional(),
  WYGC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WYGC_STORE: z.enum(['sqlite', 'firestore']).default('sqlite'),
  /** Firestore: a document path to keep several deployments apart in one database, e.g. "deployments/prod". */
  WYGC_FIRESTORE_ROOT: z.string().optional(),
  WYGC_KEYRING: z.enum(['local', 'kms']).default('local'),
  /** Cloud KMS: projects/{p}/locations/{l}/keyRings/{r}; one CryptoKey per tenant is created in it. */
  WYGC_KMS_KEY_RING: z
    .string()
    .regex(/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+$/)
    .optional(),
  /** Secrets: generated into the data folder locally; required in production. */
  WYGC_LOOKUP_KEY: base64Key.optional(),
  WYGC_SESSION_KEY: base64Key.optional(),
  WYGC_JOBS_SECRET: z.string().min(32).optional(),
  /** Production: /jobs accepts Google OIDC tokens of this service account, with this audience. */
  WYGC_JOBS_SERVICE_ACCOUNT: z.email().optional(),
  WYGC_JOBS_AUDIENCE: z.url().optional(),
  /**
   * Production: syncs are queued as Cloud Tasks for the jobs function, since Cloud Run throttles the
   * CPU of an instance once it has answered; without it they run in the instance that queued them.
   */
  WYGC_TASKS_QUEUE: z
    .string()
    .regex(
      /^projects\/[^/]+\/locations\/[^/]+\/queues\/[^/]+$/,
      'must be projects/{project}/locations/{location}/queues/{queue}',
    )
    .optional(),
  WYGC_GOOGLE_CLIENT_ID: z.string().optional(),
  WYGC_GOOGLE_CLIENT_SECRET: z.string().optional(),
  /** A service-account key file with domain-wide delegation, for Workspace customers. */
  WYGC_GOOGLE_SERVICE_ACCOUNT_KEY_FILE: z.string().optional(),
  WYGC_MS_CLIENT_ID: z.string().optional(),
  WYGC_MS_CLIENT_SECRET: z.string().optional(),
  /** Teams SSO: the Entra tenants whose users may sign in; empty disables SSO. */
  WYGC_ENTRA_TENANTS: list.default([]),
  /** The Teams app's Entra client id (audience of SSO tokens). */
  WYGC_TEAMS_CLIENT_ID: z.string().optional(),
  /** ICS/CalDAV polling interval. */
  WYGC_POLL_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** Google Calendar add-on: the add-on's service account and OAuth client (gcloud workspace-add-ons get-authorization). */
  WYGC_ADDON_SERVICE_ACCOUNT: z.email().optional(),
  WYGC_ADDON_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  /** Teams bot: the single-tenant Entra app registration of the bot. */
  WYGC_BOT_APP_ID: z.string().min(1).optional(),
  WYGC_BOT_APP_PASSWORD: z.string().min(1).optional(),
  WYGC_BOT_TENANT_ID: z.string().min(1).optional(),
});

export type FunctionsConfig = ReturnType<typeof toConfig>;

const toConfig = (env: z.output<typeof envSchema>) => {
  const publicUrl = (env.WYGC_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return {
    port: env.PORT,
    dataDir: env.WYGC_DATA_DIR,
    publicUrl,
    logLevel: env.WYGC_LOG_LEVEL,
    store:
      env.WYGC_STORE === 'firestore'
        ? { kind: 'firestore' as const, root: env.WYGC_FIRESTORE_ROOT }
        : { kind: 'sqlite' as const },
    keyring:
      env.WYGC_KEYRING === 'kms'
        ? { kind: 'kms' as const, keyRingName: env.WYGC_KMS_KEY_RING as string }
        : { kind: 'local' as const },
    secrets: {
      lookupKey: env.WYGC_LOOKUP_KEY,
      sessionKey: env.WYGC_SESSION_KEY,
      jobsSecret: env.WYGC_JOBS_SECRET,
    },
    jobs: {
      serviceAccount: env.WYGC_JOBS_SERVICE_ACCOUNT,
      audience: env.WYGC_JOBS_AUDIENCE,
      tasksQueue:
        env.WYGC_TASKS_QUEUE && env.WYGC_JOBS_SERVICE_ACCOUNT && env.WYGC_JOBS_AUDIENCE
          ? {
              path: env.WYGC_TASKS_QUEUE,
              targetUrl: `${env.WYGC_JOBS_AUDIENCE.replace(/\/$/, '')}/jobs/sync`,
              // Exactly the audience the jobs function checks its OIDC tokens for.
              audience: env.WYGC_JOBS_AUDIENCE,
              serviceAccount: env.WYGC_JOBS_SERVICE_ACCOUNT,
            }
          : undefined,
    },
    google: {
      clientId: env.WYGC_GOOGLE_CLIENT_ID,
      clientSecret: env.WYGC_GOOGLE_CLIENT_SECRET,
      serviceAccountKeyFile: env.WYGC_GOOGLE_SERVICE_ACCOUNT_KEY_FILE,
    },
    microsoft: { clientId: env.WYGC_MS_CLIENT_ID, clientSecret: env.WYGC_MS_CLIENT_SECRET },
    sso: { entraTenants: env.WYGC_ENTRA_TENANTS, teamsClientId: env.WYGC_TEAMS_CLIENT_ID },
    pollIntervalMs: env.WYGC_POLL_MINUTES * 60_000,
    addon:
      env.WYGC_ADDON_SERVICE_ACCOUNT && env.WYGC_ADDON_OAUTH_CLIENT_ID
        ? {
            serviceAccountEmail: env.WYGC_ADDON_SERVICE_ACCOUNT,
            oauthClientId: env.WYGC_ADDON_OAUTH_CLIENT_ID,
          }
        : undefined,
    bot:
      env.WYGC_BOT_APP_ID && env.WYGC_BOT_APP_PASSWORD && env.WYGC_BOT_TENANT_ID
        ? {
            appId: env.WYGC_BOT_APP_ID,
            appPassword: env.WYGC_BOT_APP_PASSWORD,
            tenantId: env.WYGC_BOT_TENANT_ID,
          }
        : undefined,
    webhooks: {
      google: `${publicUrl}/webhooks/google`,
      graph: `${publicUrl}/webhooks/graph`,
      graphLifecycle: `${publicUrl}/webhooks/graph/lifecycle`,
    },
  };
};

/** Parses the environment; a bad value stops the process at start with every problem listed. */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): FunctionsConfig => {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const config = toConfig(result.data);
  if (config.keyring.kind === 'kms' && !env.WYGC_KMS_KEY_RING)
    throw new Error('invalid configuration: WYGC_KMS_KEY_RING is required with WYGC_KEYRING=kms');
  if (env.WYGC_TASKS_QUEUE && !config.jobs.tasksQueue) {
    throw new Error(
      'invalid configuration: WYGC_JOBS_SERVICE_ACCOUNT and WYGC_JOBS_AUDIENCE are required with WYGC_TASKS_QUEUE',
    );
  }
  const production = config.store.kind === 'firestore' || config.keyring.kind === 'kms';
  if (production && (!config.secrets.lookupKey || !config.secrets.sessionKey)) {
    throw new Error(
      'invalid configuration: WYGC_LOOKUP_KEY and WYGC_SESSION_KEY are required with Firestore or Cloud KMS',
    );
  }
  return config;
};

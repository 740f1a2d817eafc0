import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CalDavAdapterOptions,
  type CloudTasksClient,
  createCalDavAdapter,
  createCloudTasksJobQueue,
  createGoogleAuth,
  createGoogleCalendarAdapter,
  createGraphCalendarAdapter,
  createGraphTokenProvider,
  createIcsUrlAdapter,
  createInProcessJobQueue,
  createSourceSync,
  createSyncScheduler,
  type GoogleServiceAccountConfig,
  type IcsUrlAdapterOptions,
  type PushEndpoints,
  type SourceSync,
  type SyncJobQueue,
} from '@wygc/calendar-sync';
import type { CalendarProvider, CalendarSourceAdapter, Store } from '@wygc/routing-core';
import {
  createCloudKmsKeyring,
  createDataKeys,
  createFirestoreDriver,
  createLocalKeyFileKeyring,
  createSqliteDriver,
  createStore,
  type Keyring,
  type StoreDriver,
} from '@wygc/store';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import type { FunctionsConfig } from './config.ts';
import { googleTokenEndpoint } from './google-code-exchange.ts';
import { type LocalSecrets, loadLocalSecrets } from './local-secrets.ts';

export interface RuntimeJobQueue extends SyncJobQueue {
  /**
   * Resolves when every sync this process queued has finished; at once with Cloud Tasks, whose syncs
   * run in the jobs function.
   */
  idle(): Promise<void>;
}

export interface Runtime {
  readonly config: FunctionsConfig;
  readonly logger: Logger;
  readonly store: Store;
  readonly secrets: LocalSecrets;
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  /**
   * Our webhook URLs for push channels; empty unless the public URL is https (Google and Graph only
   * call https, and a local server is out of their reach anyway): such calendars are polled instead.
   */
  readonly push: PushEndpoints;
  /** Google's OAuth token endpoint, for the code exchange of the connect flow. */
  readonly googleTokenUrl: string;
  readonly sync: SourceSync;
  readonly queue: RuntimeJobQueue;
  readonly scheduler: ReturnType<typeof createSyncScheduler>;
  /** Only with the SQLite store: a consistent copy of the database. */
  readonly backup?: (file: string) => Promise<void>;
  close(): Promise<void>;
}

const createDriver = async (
  config: FunctionsConfig,
): Promise<StoreDriver & { backup?: (file: string) => Promise<void> }> => {
  if (config.store.kind === 'sqlite')
    return createSqliteDriver({ path: join(config.dataDir, 'wygc.sqlite') });
  const { initializeApp } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const firestore = getFirestore(initializeApp());
  return createFirestoreDriver({ firestore, ...(config.store.root ? { rootPath: config.store.root } : {}) });
};

const createKeyring = async (config: FunctionsConfig): Promise<Keyring> => {
  if (config.keyring.kind === 'local')
    return createLocalKeyFileKeyring({ path: join(config.dataDir, 'keys.json') });
  const { KeyManagementServiceClient } = await import('@google-cloud/kms');
  return createCloudKmsKeyring({
    client: new KeyManagementServiceClient(),
    keyRingName: config.keyring.keyRingName,
  });
};

/** Provider endpoints and transports for tests (fakes on 127.0.0.1); production uses the defaults. */
export interface ProviderOverrides {
  readonly google?: { readonly rootUrl?: string; readonly tokenUrl?: string };
  readonly microsoft?: {
    readonly baseUrl?: string;
    readonly authorityHost?: string;
    readonly fetch?: typeof fetch;
  };
  readonly ics?: IcsUrlAdapterOptions;
  readonly caldav?: CalDavAdapterOptions;
}

export interface RuntimeOverrides {
  readonly logger?: Logger;
  readonly providers?: ProviderOverrides;
  /** Used instead of a real Cloud Tasks client when the configuration names a queue. */
  readonly tasksClient?: CloudTasksClient;
}

/**
 * With a Cloud Tasks queue configured, syncs run as requests to the jobs function: Cloud Run throttles
 * an instance's CPU once it has answered, so a sync left running after a webhook's answer may stall.
 */
const createQueue = async (
  config: FunctionsConfig,
  sync: SourceSync,
  logger: Logger,
  tasksClient: CloudTasksClient | undefined,
): Promise<RuntimeJobQueue> => {
  const tasks = config.jobs.tasksQueue;
  if (!tasks) {
    return createInProcessJobQueue({
      sync,
      onError: (error, job) =>
        logger.error({ ...job, err: (error as { code?: string }).code ?? 'error' }, 'sync job failed'),
    });
  }
  const client = tasksClient ?? new (await import('@google-cloud/tasks')).CloudTasksClient();
  const queue = createCloudTasksJobQueue({
    client,
    queuePath: tasks.path,
    targetUrl: tasks.targetUrl,
    audience: tasks.audience,
    serviceAccountEmail: tasks.serviceAccount,
  });
  return { ...queue, idle: async () => {} };
};

/** The fields we use of a Google service-account JSON key file. */
const serviceAccountKeySchema = z.object({
  client_email: z.email(),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
});

/** Read once at start; a bad key file stops the process with the reason, never the key. */
const readServiceAccount = async (file: string): Promise<GoogleServiceAccountConfig> => {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // V8's message quotes the text around the error, which here is the private key.
    throw new Error('invalid configuration: the Google service account key file is not JSON');
  }
  const parsed = serviceAccountKeySchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      'invalid configuration: the Google service account key file lacks client_email or private_key',
    );
  }
  const { client_email, private_key, private_key_id } = parsed.data;
  return {
    clientEmail: client_email,
    privateKey: private_key,
    ...(private_key_id ? { privateKeyId: private_key_id } : {}),
  };
};

const createAdapters = async (
  config: FunctionsConfig,
  overrides: ProviderOverrides,
): Promise<Partial<Record<CalendarProvider, CalendarSourceAdapter>>> => {
  const adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>> = {
    ics: createIcsUrlAdapter(overrides.ics ?? {}),
    caldav: createCalDavAdapter(overrides.caldav ?? {}),
  };
  const { clientId, clientSecret, serviceAccountKeyFile } = config.google;
  const oauthClient = clientId && clientSecret ? { clientId, clientSecret } : undefined;
  const serviceAccount = serviceAccountKeyFile ? await readServiceAccount(serviceAccountKeyFile) : undefined;
  if (oauthClient || serviceAccount) {
    const auth = createGoogleAuth({
      ...(oauthClient ? { oauthClient } : {}),
      ...(serviceAccount ? { serviceAccount } : {}),
      ...(overrides.google?.tokenUrl ? { tokenUrl: overrides.google.tokenUrl } : {}),
    });
    adapters.google = createGoogleCalendarAdapter({
      auth,
      ...(overrides.google?.rootUrl ? { rootUrl: overrides.google.rootUrl } : {}),
    });
  }
  if (config.microsoft.clientId && config.microsoft.clientSecret) {
    const { baseUrl, authorityHost, fetch } = overrides.microsoft ?? {};
    adapters.microsoft = createGraphCalendarAdapter({
      tokens: createGraphTokenProvider({
        clientId: config.microsoft.clientId,
        clientSecret: config.microsoft.clientSecret,
        ...(authorityHost ? { authorityHost } : {}),
        ...(fetch ? { fetch } : {}),
      }),
      ...(baseUrl ? { baseUrl } : {}),
      ...(fetch ? { fetch } : {}),
    });
  }
  return adapters;
};

/** Google and Graph only deliver to https; without it, channels are never made and calendars are polled. */
const pushEndpoints = (config: FunctionsConfig): PushEndpoints =>
  new URL(config.publicUrl).protocol === 'https:'
    ? {
        google: config.webhooks.google,
        microsoft: config.webhooks.graph,
        microsoftLifecycle: config.webhooks.graphLifecycle,
      }
    : {};

/**
 * The composition root shared by the all-in-one server, the Cloud Run functions and the operator CLI:
 * configuration in, every long-lived dependency out. Nothing is created at module load.
 */
export const createRuntime = async (
  config: FunctionsConfig,
  overrides: RuntimeOverrides = {},
): Promise<Runtime> => {
  const logger = overrides.logger ?? pino({ level: config.logLevel });
  const local = await loadLocalSecrets(config.dataDir);
  const secrets: LocalSecrets = {
    lookupKey: config.secrets.lookupKey ?? local.lookupKey,
    sessionKey: config.secrets.sessionKey ?? local.sessionKey,
    jobsSecret: config.secrets.jobsSecret ?? local.jobsSecret,
  };
  // Before the store opens: a bad provider configuration stops the start with nothing left open.
  const adapters = await createAdapters(config, overrides.providers ?? {});
  const push = pushEndpoints(config);
  const driver = await createDriver(config);
  const store = createStore({
    driver,
    dataKeys: createDataKeys({ keyring: await createKeyring(config) }),
    lookupKey: secrets.lookupKey,
  });
  const sync = createSourceSync({ store, adapters, logger: logger.child({ part: 'sync' }) });
  const queue = await createQueue(config, sync, logger, overrides.tasksClient);
  const scheduler = createSyncScheduler({
    store,
    adapters,
    queue,
    logger: logger.child({ part: 'scheduler' }),
    push,
    pollIntervalMs: config.pollIntervalMs,
  });
  return {
    config,
    logger,
    store,
    secrets,
    adapters,
    push,
    googleTokenUrl: overrides.providers?.google?.tokenUrl ?? googleTokenEndpoint,
    sync,
    queue,
    scheduler,
    ...(driver.backup
      ? { backup: (file: string) => (driver.backup as (f: string) => Promise<void>)(file) }
      : {}),
    async close() {
      await queue.idle();
      await store.close();
    },
  };
};

/** What `wygc keys rotate` did. */
export interface KeyRotationResult {
  /** The key file's new key-encryption key version; absent with Cloud KMS, which rotates keys itself. */
  readonly newVersion?: string;
  readonly rewrapped: number;
  /** Terminated tenants (their key is destroyed) and tenants without a key. */
  readonly skipped: number;
}

/**
 * Operator task (`wygc keys rotate`), with its own store connection: with the key file, adds a new
 * key-encryption key version and makes it primary; then re-wraps every active tenant's data key under
 * the keyring's primary version (with Cloud KMS: the primary versions made in KMS). Data is not
 * touched, and older versions keep unwrapping, so a running server is not disturbed.
 */
export const rotateKeys = async (
  config: FunctionsConfig,
  options: { readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<KeyRotationResult> => {
  // Loaded here so that this addition leaves the module's imports as they are.
  const { rotateTenantKeys } = await import('@wygc/store');
  const driver = await createDriver(config);
  try {
    let newVersion: string | undefined;
    let keyring: Keyring;
    if (config.keyring.kind === 'local') {
      const keyFile = createLocalKeyFileKeyring({ path: join(config.dataDir, 'keys.json') });
      newVersion = await keyFile.rotate();
      keyring = keyFile;
    } else {
      keyring = await createKeyring(config);
    }
    const report = await rotateTenantKeys({
      driver,
      dataKeys: createDataKeys({ keyring }),
      keyring,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { ...(newVersion ? { newVersion } : {}), rewrapped: report.rewrapped, skipped: report.skipped };
  } finally {
    await driver.close();
  }
};

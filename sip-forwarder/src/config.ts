import { isIP } from 'node:net';
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { ForwarderError } from './forwarder-error.ts';
import { createTrustedSources } from './trusted-sources.ts';

export const forwardModes = ['redirect', 'proxy', 'b2bua'] as const;
/** How a routed call leaves the forwarder (DESIGN.md §6). */
export type ForwardMode = (typeof forwardModes)[number];

export const trunkTransports = ['udp', 'tcp', 'tls'] as const;
export type TrunkTransport = (typeof trunkTransports)[number];

/** Whose number the target's phone shows in b2bua mode; proxy and redirect always keep the caller's. */
export const presentedCallers = ['caller', 'dialled'] as const;
export type PresentedCaller = (typeof presentedCallers)[number];

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface TrunkConfig {
  readonly host: string;
  readonly port?: number;
  readonly transport?: TrunkTransport;
}

/** Everything the forwarder is told from outside; `parseForwarderConfig` builds it from the environment. */
export interface ForwarderConfig {
  readonly drachtio: {
    readonly host: string;
    readonly port: number;
    readonly secret: string;
    /** The reconnect backoff grows up to this delay between attempts. */
    readonly retryMaxDelayMs: number;
  };
  readonly mode: ForwardMode;
  /** IPs and CIDRs of the SBC / trunk that may send calls. */
  readonly trustedSources: readonly string[];
  /** Where every target is sent: the only destination the forwarder ever uses. */
  readonly trunk: TrunkConfig;
  /** Region for dialled numbers written in national form. */
  readonly region: CountryCode;
  readonly presentedCaller: PresentedCaller;
  /** The last good routing tables, for a start while the store is down. */
  readonly snapshotPath: string;
  /** /healthz and /metrics. Port 0 picks a free port. */
  readonly http: { readonly host: string; readonly port: number };
  readonly callRecords: {
    readonly batchSize: number;
    readonly flushIntervalMs: number;
    /** Beyond this many unwritten records the oldest are dropped (and counted) rather than grow memory. */
    readonly maxQueued: number;
  };
  /** Full reload from the store besides its change feed: catches changes made by other processes. */
  readonly storeResyncMs: number;
  /** proxy mode: skip a target that does not even answer 100 Trying within this time. */
  readonly proxyProvisionalTimeoutMs?: number;
  readonly logLevel: (typeof logLevels)[number];
}

/** Where the standalone entry (main.ts) finds the embedded SQLite store. */
export interface StandaloneStoreConfig {
  readonly sqlitePath: string;
  readonly keyFile: string;
}

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const hostname = z
  .string()
  .min(1)
  .max(253)
  .refine(
    (host) =>
      isIP(host) !== 0 ||
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(
        host,
      ),
    'expected a host name or IP address',
  );

const trunkSchema = z
  .string({ error: 'required: host[:port] of the SBC / trunk' })
  .min(1)
  .transform((value, context) => {
    // "[2001:db8::1]:5060", "sbc.example.net", "192.0.2.10:5080"
    const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(value.trim());
    const host = match?.[1] ?? match?.[2];
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!host || !hostname.safeParse(host).success || (port !== undefined && (port < 1 || port > 65535))) {
      context.addIssue({ code: 'custom', message: 'expected host[:port] of the SBC / trunk' });
      return z.NEVER;
    }
    return { host, port };
  });

const listSchema = z
  .string({ error: 'required: the IPs / CIDRs of the SBC / trunk' })
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .pipe(z.array(z.string()).min(1, 'name at least one address'))
  .superRefine((entries, context) => {
    try {
      createTrustedSources(entries);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  });

const envSchema = z.object({
  SIP_DRACHTIO_HOST: hostname.default('127.0.0.1'),
  SIP_DRACHTIO_PORT: integer(1, 65535).default(9022),
  SIP_DRACHTIO_SECRET: z
    .string({ error: 'the drachtio-server admin secret is required' })
    .min(1, 'the drachtio-server admin secret is required'),
  SIP_DRACHTIO_RETRY_MAX_MS: integer(100, 300_000).default(10_000),
  SIP_MODE: z.enum(forwardModes).default('redirect'),
  SIP_TRUSTED_SOURCES: listSchema,
  SIP_TRUNK: trunkSchema,
  SIP_TRUNK_TRANSPORT: z.enum(trunkTransports).optional(),
  SIP_REGION: z
    .custom<CountryCode>(
      (region) => typeof region === 'string' && isSupportedCountry(region),
      'expected a two-letter region such as NL',
    )
    .default('NL'),
  SIP_PRESENTED_CALLER: z.enum(presentedCallers).default('caller'),
  SIP_SNAPSHOT_PATH: z.string().min(1).default('data/sip-forwarder/routing-tables.json'),
  SIP_HTTP_HOST: hostname.default('127.0.0.1'),
  SIP_HTTP_PORT: integer(0, 65535).default(9464),
  SIP_CDR_BATCH_SIZE: integer(1, 500).default(100),
  SIP_CDR_FLUSH_MS: integer(10, 60_000).default(1000),
  SIP_CDR_MAX_QUEUED: integer(1, 1_000_000).default(10_000),
  SIP_STORE_RESYNC_SECONDS: integer(1, 86_400).default(60),
  SIP_PROXY_PROVISIONAL_TIMEOUT_MS: integer(100, 60_000).optional(),
  SIP_LOG_LEVEL: z.enum(logLevels).default('info'),
  SIP_STORE_SQLITE_PATH: z.string().min(1).default('data/wygc.sqlite'),
  SIP_STORE_KEY_FILE: z.string().min(1).default('data/keys.json'),
});

type Environment = Readonly<Record<string, string | undefined>>;

const parseEnvironment = (env: Environment) => {
  // An empty variable means "not set", as in most deployment tools' env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ForwarderError(
      'INVALID_CONFIG',
      `invalid SIP forwarder configuration: ${problems.join('; ')}`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
};

const toForwarderConfig = (e: ReturnType<typeof parseEnvironment>): ForwarderConfig => ({
  drachtio: {
    host: e.SIP_DRACHTIO_HOST,
    port: e.SIP_DRACHTIO_PORT,
    secret: e.SIP_DRACHTIO_SECRET,
    retryMaxDelayMs: e.SIP_DRACHTIO_RETRY_MAX_MS,
  },
  mode: e.SIP_MODE,
  trustedSources: e.SIP_TRUSTED_SOURCES,
  trunk: {
    host: e.SIP_TRUNK.host,
    ...(e.SIP_TRUNK.port === undefined ? {} : { port: e.SIP_TRUNK.port }),
    ...(e.SIP_TRUNK_TRANSPORT === undefined ? {} : { transport: e.SIP_TRUNK_TRANSPORT }),
  },
  region: e.SIP_REGION,
  presentedCaller: e.SIP_PRESENTED_CALLER,
  snapshotPath: e.SIP_SNAPSHOT_PATH,
  http: { host: e.SIP_HTTP_HOST, port: e.SIP_HTTP_PORT },
  callRecords: {
    batchSize: e.SIP_CDR_BATCH_SIZE,
    flushIntervalMs: e.SIP_CDR_FLUSH_MS,
    maxQueued: e.SIP_CDR_MAX_QUEUED,
  },
  storeResyncMs: e.SIP_STORE_RESYNC_SECONDS * 1000,
  ...(e.SIP_PROXY_PROVISIONAL_TIMEOUT_MS === undefined
    ? {}
    : { proxyProvisionalTimeoutMs: e.SIP_PROXY_PROVISIONAL_TIMEOUT_MS }),
  logLevel: e.SIP_LOG_LEVEL,
});

/** Reads the forwarder's configuration from environment variables; throws INVALID_CONFIG naming every problem. */
export const parseForwarderConfig = (env: Environment = process.env): ForwarderConfig =>
  toForwarderConfig(parseEnvironment(env));

/** The standalone deployable's whole configuration: the forwarder's plus where its SQLite store lives. */
export const parseStandaloneConfig = (
  env: Environment = process.env,
): { forwarder: ForwarderConfig; store: StandaloneStoreConfig } => {
  const e = parseEnvironment(env);
  return {
    forwarder: toForwarderConfig(e),
    store: { sqlitePath: e.SIP_STORE_SQLITE_PATH, keyFile: e.SIP_STORE_KEY_FILE },
  };
};

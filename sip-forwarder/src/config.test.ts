import { describe, expect, it } from 'vitest';
import { parseForwarderConfig, parseStandaloneConfig } from './config.ts';
import { isForwarderError } from './forwarder-error.ts';

const minimal = {
  SIP_DRACHTIO_SECRET: 'cymru',
  SIP_TRUSTED_SOURCES: '192.0.2.10, 198.51.100.0/24',
  SIP_TRUNK: 'sbc.example.net',
};

const problemsOf = (env: Record<string, string | undefined>): string => {
  try {
    parseForwarderConfig(env);
  } catch (error) {
    if (isForwarderError(error, 'INVALID_CONFIG')) return error.message;
    throw error;
  }
  throw new Error('expected INVALID_CONFIG');
};

describe('parseForwarderConfig', () => {
  it('fills in the defaults around the three required settings', () => {
    expect(parseForwarderConfig(minimal)).toEqual({
      drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru', retryMaxDelayMs: 10_000 },
      mode: 'redirect',
      trustedSources: ['192.0.2.10', '198.51.100.0/24'],
      trunk: { host: 'sbc.example.net' },
      region: 'NL',
      presentedCaller: 'caller',
      snapshotPath: 'data/sip-forwarder/routing-tables.json',
      http: { host: '127.0.0.1', port: 9464 },
      callRecords: { batchSize: 100, flushIntervalMs: 1000, maxQueued: 10_000 },
      storeResyncMs: 60_000,
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const config = parseForwarderConfig({
      ...minimal,
      SIP_DRACHTIO_HOST: '10.0.0.5',
      SIP_DRACHTIO_PORT: '9023',
      SIP_DRACHTIO_RETRY_MAX_MS: '5000',
      SIP_MODE: 'b2bua',
      SIP_TRUNK: '[2001:db8::1]:5080',
      SIP_TRUNK_TRANSPORT: 'tcp',
      SIP_REGION: 'BE',
      SIP_PRESENTED_CALLER: 'dialled',
      SIP_HTTP_PORT: '0',
      SIP_STORE_RESYNC_SECONDS: '5',
      SIP_PROXY_PROVISIONAL_TIMEOUT_MS: '2000',
      SIP_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      drachtio: { host: '10.0.0.5', port: 9023, retryMaxDelayMs: 5000 },
      mode: 'b2bua',
      trunk: { host: '2001:db8::1', port: 5080, transport: 'tcp' },
      region: 'BE',
      presentedCaller: 'dialled',
      http: { port: 0 },
      storeResyncMs: 5000,
      proxyProvisionalTimeoutMs: 2000,
      logLevel: 'debug',
    });
  });

  it('names every missing or invalid variable at once, and never echoes the secret', () => {
    const message = problemsOf({
      SIP_DRACHTIO_SECRET: '',
      SIP_MODE: 'relay',
      SIP_TRUSTED_SOURCES: '192.0.2.10, not-an-ip',
      SIP_TRUNK: 'sbc.example.net:99999',
      SIP_DRACHTIO_PORT: 'abc',
      SIP_REGION: 'XX',
    });
    for (const name of [
      'SIP_DRACHTIO_SECRET',
      'SIP_MODE',
      'SIP_TRUSTED_SOURCES',
      'SIP_TRUNK',
      'SIP_DRACHTIO_PORT',
      'SIP_REGION',
    ]) {
      expect(message).toContain(name);
    }
    expect(problemsOf({ ...minimal, SIP_DRACHTIO_SECRET: undefined })).toContain('secret is required');
    expect(problemsOf({ ...minimal, SIP_TRUSTED_SOURCES: ' , ' })).toContain('SIP_TRUSTED_SOURCES');
    expect(problemsOf({ ...minimal, SIP_TRUSTED_SOURCES: '10.0.0.0/33' })).toContain('prefix length');
    expect(problemsOf({ ...minimal, SIP_TRUNK: 'sip:evil@host' })).toContain('SIP_TRUNK');
  });

  it('gives the standalone entry its store paths from the same environment', () => {
    const { forwarder, store } = parseStandaloneConfig({
      ...minimal,
      SIP_STORE_SQLITE_PATH: '/var/lib/wygc/wygc.sqlite',
    });
    expect(forwarder.mode).toBe('redirect');
    expect(store).toEqual({ sqlitePath: '/var/lib/wygc/wygc.sqlite', keyFile: 'data/keys.json' });
  });
});

import { join } from 'node:path';
import type { ForwarderConfig } from '@wygc/sip-forwarder';

/**
 * The SIP forwarder's configuration when a drachtio-server is configured (SIP_DRACHTIO_SECRET is
 * set), else undefined: the all-in-one server then serves HTTP only. The forwarder package is loaded
 * only when it is needed. Its last-good table snapshot defaults to the data folder.
 */
export const loadForwarderConfig = async (
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<ForwarderConfig | undefined> => {
  if (!env.SIP_DRACHTIO_SECRET) return undefined;
  const { parseForwarderConfig } = await import('@wygc/sip-forwarder');
  return parseForwarderConfig({
    ...env,
    SIP_SNAPSHOT_PATH: env.SIP_SNAPSHOT_PATH || join(dataDir, 'sip-forwarder', 'routing-tables.json'),
  });
};

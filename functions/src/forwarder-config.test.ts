import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForwarderConfig } from './forwarder-config.ts';

const sip = {
  SIP_DRACHTIO_SECRET: 'cymru',
  SIP_TRUSTED_SOURCES: '192.0.2.10',
  SIP_TRUNK: 'sbc.example.net:5060',
};

describe('loadForwarderConfig', () => {
  it('is undefined without a drachtio-server', async () => {
    expect(await loadForwarderConfig({}, './data')).toBeUndefined();
  });

  it("parses the forwarder's settings and keeps its snapshot in the data folder", async () => {
    const config = await loadForwarderConfig(sip, '/var/lib/wygc');
    expect(config).toMatchObject({
      drachtio: { host: '127.0.0.1', secret: 'cymru' },
      trunk: { host: 'sbc.example.net', port: 5060 },
      snapshotPath: join('/var/lib/wygc', 'sip-forwarder', 'routing-tables.json'),
    });
    const own = await loadForwarderConfig({ ...sip, SIP_SNAPSHOT_PATH: '/tmp/tables.json' }, '/var/lib/wygc');
    expect(own?.snapshotPath).toBe('/tmp/tables.json');
  });

  it('names what is wrong', async () => {
    await expect(loadForwarderConfig({ SIP_DRACHTIO_SECRET: 'cymru' }, './data')).rejects.toThrow(
      /SIP_TRUNK/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createDrachtioConnection } from './drachtio-connection.ts';
import { FakeSrf } from './fake-drachtio.ts';
import { createForwarderMetrics } from './forwarder-metrics.ts';
import { createTableRegistry } from './table-registry.ts';
import { silentLogger, testConfig } from './test-fixtures.ts';

const setup = () => {
  const srf = new FakeSrf();
  const metrics = createForwarderMetrics(createTableRegistry());
  const connection = createDrachtioConnection({
    srf,
    config: testConfig().drachtio,
    logger: silentLogger(),
    metrics,
  });
  const gauge = async () => (await metrics.drachtioConnected.get()).values[0]?.value;
  return { srf, connection, gauge };
};

describe('createDrachtioConnection', () => {
  it('asks drachtio-srf to reconnect with backoff up to the configured delay', () => {
    const { srf, connection } = setup();
    connection.connect();
    expect(srf.connects[0]?.reconnect).toEqual({ retryMaxDelay: 1000 });
  });

  it('follows the connection through a drop and a reconnect', async () => {
    const { srf, connection, gauge } = setup();
    connection.connect();
    expect(connection.connected).toBe(false);
    srf.emit('connect', null, '127.0.0.1:5060');
    expect(connection.connected).toBe(true);
    expect(await gauge()).toBe(1);
    srf.emit('close');
    srf.emit('error', new Error('connect ECONNREFUSED'));
    srf.emit('reconnecting', { delay: 255, attempt: 2 });
    expect(connection.connected).toBe(false);
    expect(await gauge()).toBe(0);
    srf.emit('connect', null, '127.0.0.1:5060');
    expect(connection.connected).toBe(true);
  });

  it('stays disconnected when drachtio-server refuses the secret', () => {
    const { srf, connection } = setup();
    connection.connect();
    srf.emit('connect', new Error('failed to authenticate to server'));
    expect(connection.connected).toBe(false);
  });

  it('drops a retry that gets through after it was stopped', () => {
    const { srf, connection } = setup();
    connection.connect();
    connection.disconnect();
    expect(srf.disconnects).toBe(1);
    srf.emit('connect', null, '127.0.0.1:5060');
    expect(connection.connected).toBe(false);
    expect(srf.disconnects).toBe(2);
  });
});

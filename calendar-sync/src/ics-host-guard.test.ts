import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createIcsHostGuard, isPrivateAddress } from './ics-host-guard.ts';

const lookupWith = (
  guard: ReturnType<typeof createIcsHostGuard>,
  hostname: string,
  all = false,
  family = 0,
) =>
  new Promise<unknown>((resolve, reject) =>
    guard.lookup(hostname, { all, family }, (error, address, family) =>
      error ? reject(error) : resolve(all ? address : { address, family }),
    ),
  );

const resolvingTo =
  (...addresses: string[]) =>
  async (): Promise<LookupAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd12::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '145.100.1.1', '2a00:1450:4001::200e', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('createIcsHostGuard', () => {
  it('accepts only http(s) URLs without user info', () => {
    const guard = createIcsHostGuard();
    expect(() => guard.checkUrl(new URL('https://calendar.example/a.ics'))).not.toThrow();
    expect(() => guard.checkUrl(new URL('file:///etc/passwd'))).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    expect(() => guard.checkUrl(new URL('https://jan:geheim@calendar.example/'))).toThrow(/credentials/);
  });

  it('refuses private IP literals in any notation unless allowed', () => {
    const guard = createIcsHostGuard();
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://[::1]/',
      'http://[::ffff:a00:1]/',
    ]) {
      expect(() => guard.checkUrl(new URL(url))).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    }
    expect(() =>
      createIcsHostGuard({ allowHosts: ['::1'] }).checkUrl(new URL('http://[::1]/')),
    ).not.toThrow();
    expect(() =>
      createIcsHostGuard({ denyPrivateNetworks: false }).checkUrl(new URL('http://10.0.0.1/')),
    ).not.toThrow();
  });

  it('refuses a host name when any address it resolves to is private', async () => {
    const guard = createIcsHostGuard({ resolveHost: resolvingTo('93.184.215.14', '10.0.0.7') });
    await expect(lookupWith(guard, 'calendar.example')).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });

  it('hands the checked addresses to the connection', async () => {
    const guard = createIcsHostGuard({ resolveHost: resolvingTo('93.184.215.14', '2a00:1450:4001::200e') });
    await expect(lookupWith(guard, 'calendar.example')).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
    await expect(lookupWith(guard, 'calendar.example', true)).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2a00:1450:4001::200e', family: 6 },
    ]);
  });

  it('answers a request for a family the host lacks as a missing host, not a refusal', async () => {
    const guard = createIcsHostGuard({ resolveHost: resolvingTo('93.184.215.14') });
    await expect(lookupWith(guard, 'calendar.example', false, 6)).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
  });

  it('trusts allowed host names even when they resolve to a private address', async () => {
    const guard = createIcsHostGuard({
      resolveHost: resolvingTo('10.0.0.7'),
      allowHosts: ['CalDAV.intranet.example'],
    });
    await expect(lookupWith(guard, 'caldav.intranet.example')).resolves.toEqual({
      address: '10.0.0.7',
      family: 4,
    });
  });
});

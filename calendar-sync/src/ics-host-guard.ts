import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { SyncError } from './sync-error.ts';

/** `dns.lookup` with `{ all: true }`, injectable so tests can resolve made-up host names. */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface IcsNetworkPolicy {
  /**
   * Default true: calendar URLs come from tenants, so an address in a private, loopback, link-local
   * (cloud metadata) or otherwise non-public range is refused, lest a tenant make us fetch from inside
   * our own network (SSRF).
   */
  readonly denyPrivateNetworks?: boolean;
  /** Host names or IP literals trusted even when private, e.g. an on-premises CalDAV server or a test. */
  readonly allowHosts?: readonly string[];
  readonly resolveHost?: ResolveHost;
}

export interface IcsHostGuard {
  /** Checks what the URL alone shows: scheme, and IP literals (which are connected to without lookup). */
  checkUrl(url: URL): void;
  /** A `net.connect` lookup that refuses private addresses, so the address checked is the one used. */
  readonly lookup: LookupFunction;
}

// IANA special-purpose registries; IPv4-mapped IPv6 addresses are matched against the IPv4 rules.
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

export const isPrivateAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return true;
  return nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

const refused = () =>
  new SyncError(
    'INVALID_CONFIG',
    'the calendar URL points to a private network address, which is not allowed',
  );

const defaultResolveHost: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

const noAddress = () => Object.assign(new Error('the host name has no address'), { code: 'ENOTFOUND' });

const familyNumber = (family: LookupOptions['family']): number =>
  family === 'IPv4' ? 4 : family === 'IPv6' ? 6 : (family ?? 0);

const bare = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

export const createIcsHostGuard = (policy: IcsNetworkPolicy = {}): IcsHostGuard => {
  const deny = policy.denyPrivateNetworks ?? true;
  const trusted = new Set((policy.allowHosts ?? []).map(bare));
  const resolveHost = policy.resolveHost ?? defaultResolveHost;
  const mayReach = (hostname: string, address: string) =>
    !deny || trusted.has(hostname) || !isPrivateAddress(address);

  const lookup: LookupFunction = (hostname, options, callback) => {
    const host = bare(hostname);
    const wanted = familyNumber(options.family);
    resolveHost(host).then(
      (addresses) => {
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        const [first] = usable;
        if (!first) return callback(noAddress(), '', 0);
        if (!usable.every((a) => mayReach(host, a.address))) return callback(refused(), '', 0);
        if (options.all)
          return callback(
            null,
            usable.map(({ address, family }) => ({ address, family })),
          );
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  return {
    checkUrl: (url) => {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new SyncError(
          'INVALID_CONFIG',
          'the calendar URL must start with https://, http:// or webcal://',
        );
      }
      if (url.username || url.password) {
        throw new SyncError(
          'INVALID_CONFIG',
          'put the calendar user name and password in the credentials, not the URL',
        );
      }
      const host = bare(url.hostname);
      if (isIP(host) !== 0 && !mayReach(host, host)) throw refused();
    },
    lookup,
  };
};

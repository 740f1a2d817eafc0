import { BlockList, isIP } from 'node:net';
import { ForwarderError } from './forwarder-error.ts';

/** The SBC / trunk addresses the forwarder takes calls from; everything else is refused with 403. */
export interface TrustedSources {
  has(address: string): boolean;
}

const familyOf = (address: string): 'ipv4' | 'ipv6' | undefined => {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
};

// drachtio reports IPv6 sources in brackets on some transports, and a dual-stack socket shows an IPv4
// peer as ::ffff:a.b.c.d; both must match the entry the operator wrote.
const normalise = (address: string): string => {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
};

const addEntry = (list: BlockList, entry: string): void => {
  const [address = '', prefixText, extra] = entry.split('/');
  const family = familyOf(address);
  if (!family || extra !== undefined) {
    throw new ForwarderError('INVALID_CONFIG', `trusted source "${entry}" is not an IP address or CIDR`);
  }
  if (prefixText === undefined) {
    list.addAddress(address, family);
    return;
  }
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 0 && prefix <= (family === 'ipv4' ? 32 : 128))) {
    throw new ForwarderError('INVALID_CONFIG', `trusted source "${entry}" has an invalid prefix length`);
  }
  list.addSubnet(address, prefix, family);
};

/** Builds the allow list from IPs and CIDRs (IPv4 and IPv6); throws INVALID_CONFIG on any bad entry. */
export const createTrustedSources = (entries: readonly string[]): TrustedSources => {
  const list = new BlockList();
  for (const entry of entries) addEntry(list, entry.trim());
  return {
    has(address) {
      const candidate = normalise(address);
      const family = familyOf(candidate);
      return family !== undefined && list.check(candidate, family);
    },
  };
};

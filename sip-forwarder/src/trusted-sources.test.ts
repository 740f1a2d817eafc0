import { describe, expect, it } from 'vitest';
import { isForwarderError } from './forwarder-error.ts';
import { createTrustedSources } from './trusted-sources.ts';

describe('createTrustedSources', () => {
  const trusted = createTrustedSources(['192.0.2.10', '198.51.100.0/24', '2001:db8::/32']);

  it('accepts listed addresses and subnets, IPv4 and IPv6', () => {
    expect(trusted.has('192.0.2.10')).toBe(true);
    expect(trusted.has('198.51.100.77')).toBe(true);
    expect(trusted.has('2001:db8::5')).toBe(true);
  });

  it('refuses everything else, including garbage', () => {
    expect(trusted.has('192.0.2.11')).toBe(false);
    expect(trusted.has('198.51.101.1')).toBe(false);
    expect(trusted.has('2001:db9::1')).toBe(false);
    expect(trusted.has('')).toBe(false);
    expect(trusted.has('sbc.example.net')).toBe(false);
  });

  it('matches bracketed IPv6 and IPv4-mapped IPv6 as drachtio may report them', () => {
    expect(trusted.has('[2001:db8::5]')).toBe(true);
    expect(trusted.has('::ffff:192.0.2.10')).toBe(true);
  });

  it('refuses invalid entries with INVALID_CONFIG', () => {
    for (const entry of ['sbc.example.net', '10.0.0.1/33', '10.0.0.1/8/1', '2001:db8::/129', '10.0.0.1/x']) {
      expect(() => createTrustedSources([entry])).toThrow(
        expect.objectContaining({ code: 'INVALID_CONFIG' }),
      );
    }
    try {
      createTrustedSources(['nope']);
    } catch (error) {
      expect(isForwarderError(error, 'INVALID_CONFIG')).toBe(true);
    }
  });
});

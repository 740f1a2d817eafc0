import { resolve } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { createForwardPlanner, qValue } from './forward-plan.ts';
import { ab, fallbackNumber, jd, onDuty, pk, tableOf } from './test-fixtures.ts';
import { diversionHeader, trunkUri } from './trunk-uri.ts';

const trunk = { host: 'trunk.example.net', port: 5060 };

describe('trunkUri', () => {
  it('addresses the number at the trunk as a telephone number', () => {
    expect(trunkUri('+31612345678', trunk)).toBe('sip:+31612345678@trunk.example.net:5060;user=phone');
    expect(trunkUri('+31612345678', { host: '2001:db8::1', transport: 'tcp' })).toBe(
      'sip:+31612345678@[2001:db8::1];user=phone;transport=tcp',
    );
  });

  it('refuses anything that could smuggle another destination into a URI', () => {
    for (const phone of ['+31612345678@evil.example.com', 'sip:x@y', '0612345678', '+316;maddr=evil']) {
      expect(() => trunkUri(phone, trunk)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    }
  });
});

describe('diversionHeader', () => {
  it('names the dialled number as the diverting party (RFC 5806)', () => {
    expect(diversionHeader('+31501234567', trunk)).toBe(
      '<sip:+31501234567@trunk.example.net:5060;user=phone>;reason=unconditional;counter=1;privacy=off',
    );
  });
});

describe('qValue', () => {
  it('counts down from 1 in tenths, finer past ten attempts, and stays above 0', () => {
    expect([0, 1, 2].map((i) => qValue(i, 3))).toEqual(['1.0', '0.9', '0.8']);
    expect(qValue(19, 20)).toBe('0.05');
    expect(qValue(999, 1000)).toBe('0.001');
  });
});

describe('createForwardPlanner', () => {
  it('lists every target at the trunk with q-values in ringing order, equal within a group', () => {
    const decision = resolve(tableOf({ groups: [[jd], [pk, ab]] }), onDuty);
    const plan = createForwardPlanner(trunk)(decision);
    expect(
      plan.attempts.map((attempt) => attempt.targets.map((target) => target.key ?? target.phone)),
    ).toEqual([['JD'], ['PK', 'AB'], [fallbackNumber.phone]]);
    expect(plan.contact).toBe(
      [
        `<sip:${jd.phone}@trunk.example.net:5060;user=phone>;q=1.0`,
        `<sip:${pk.phone}@trunk.example.net:5060;user=phone>;q=0.9`,
        `<sip:${ab.phone}@trunk.example.net:5060;user=phone>;q=0.9`,
        `<sip:${fallbackNumber.phone}@trunk.example.net:5060;user=phone>;q=0.8`,
      ].join(', '),
    );
  });

  it('builds a plan once per decision', () => {
    const planner = createForwardPlanner(trunk);
    const decision = resolve(tableOf(), onDuty);
    expect(planner(decision)).toBe(planner(decision));
  });
});

import { resolve } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { FakeRequest, FakeResponse, FakeSrf } from './fake-drachtio.ts';
import { createForwardPlanner } from './forward-plan.ts';
import { proxyCall } from './proxy-call.ts';
import type { ProxyResult } from './srf-port.ts';
import { ab, fallbackNumber, jd, onDuty, pk, silentLogger, tableOf } from './test-fixtures.ts';

const trunk = { host: 'trunk.example.net', port: 5060 };
const uriOf = (phone: string) => `sip:${phone}@trunk.example.net:5060;user=phone`;
const headers = { Diversion: '<sip:+31501234567@trunk.example.net:5060;user=phone>;reason=unconditional' };

const run = async (
  groups: Parameters<typeof tableOf>[0],
  result: ProxyResult | Error,
  extra: { provisionalTimeoutMs?: number } = {},
) => {
  const srf = new FakeSrf();
  srf.proxyResult = async () => {
    if (result instanceof Error) throw result;
    return result;
  };
  const res = new FakeResponse();
  const plan = createForwardPlanner(trunk)(resolve(tableOf(groups), onDuty));
  const outcome = await proxyCall({
    srf,
    req: new FakeRequest({ stackTime: '10:00:00.000000' }),
    res,
    plan,
    headers,
    log: silentLogger(),
    clock: () => 5,
    ...extra,
  });
  return { srf, res, outcome };
};

const responses = (...msgs: { status: number; time: string }[]): ProxyResult['responses'] =>
  msgs.map((msg) => ({ msgs: [msg] }));

describe('proxyCall', () => {
  it('forks to the targets at the trunk only, in order, one after another, with the Diversion header', async () => {
    const { srf, outcome } = await run(
      { groups: [[jd], [pk]] },
      {
        connected: true,
        finalStatus: 200,
        responses: responses(
          { status: 480, time: '10:00:20.000000' },
          { status: 200, time: '10:00:27.500000' },
        ),
      },
    );
    expect(srf.proxied).toEqual([
      {
        destinations: [uriOf(jd.phone), uriOf(pk.phone), uriOf(fallbackNumber.phone)],
        options: {
          forking: 'sequential',
          remainInDialog: false,
          finalTimeout: '20s',
          followRedirects: false,
          headers,
        },
      },
    ]);
    expect(outcome).toEqual({
      outcome: 'answered',
      attempts: [
        { key: 'JD', phone: jd.phone, sipStatus: 480, ms: 20_000 },
        { key: 'PK', phone: pk.phone, sipStatus: 200, ms: 7500 },
      ],
      endedAt: 5,
    });
  });

  it('forks all at once when the decision is one + group', async () => {
    const { srf, outcome } = await run(
      { groups: [[pk, ab]], fallback: null },
      {
        connected: true,
        finalStatus: 200,
        responses: responses(
          { status: 487, time: '10:00:04.000000' },
          { status: 200, time: '10:00:04.000000' },
        ),
      },
      { provisionalTimeoutMs: 1500 },
    );
    expect(srf.proxied[0]?.options).toMatchObject({ forking: 'simultaneous', provisionalTimeout: '1500ms' });
    expect(outcome.attempts.map((attempt) => [attempt.key, attempt.sipStatus, attempt.ms])).toEqual([
      ['PK', 200, 4000],
      ['AB', 200, 4000],
    ]);
  });

  it('reports how a call that nobody took ended', async () => {
    const busy = await run(
      { groups: [[jd]], fallback: null },
      { connected: false, finalStatus: 486, responses: responses({ status: 486, time: '10:00:01.000000' }) },
    );
    expect(busy.outcome.outcome).toBe('busy');
    const cancelled = await run(
      { groups: [[jd]] },
      { connected: false, finalStatus: 487, responses: responses({ status: 487, time: '10:00:03.000000' }) },
    );
    expect(cancelled.outcome.outcome).toBe('cancelled');
    const timeout = await run({ groups: [[jd]] }, { connected: false, responses: [] });
    expect(timeout.outcome).toMatchObject({ outcome: 'no-answer', attempts: [] });
  });

  it('answers 503 itself when drachtio-server cannot proxy', async () => {
    const { res, outcome } = await run({ groups: [[jd]] }, new Error('error proxying request'));
    expect(outcome.outcome).toBe('failed');
    expect(res.final?.status).toBe(503);
  });
});

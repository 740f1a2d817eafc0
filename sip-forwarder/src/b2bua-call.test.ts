import { resolve } from '@wygc/routing-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { b2buaCall } from './b2bua-call.ts';
import { FakeRequest, FakeResponse, FakeSrf, type TargetBehaviour } from './fake-drachtio.ts';
import { createForwardPlanner } from './forward-plan.ts';
import { ab, fallbackNumber, jd, onDuty, pk, silentLogger, tableOf } from './test-fixtures.ts';

const trunk = { host: 'trunk.example.net' };
const uriOf = (phone: string) => `sip:${phone}@trunk.example.net;user=phone`;
const diversion = { Diversion: '<sip:+31501234567@trunk.example.net;user=phone>;reason=unconditional' };

const setup = (behaviours: Record<string, TargetBehaviour>, groups = [[jd], [pk]]) => {
  const srf = new FakeSrf();
  srf.targets = (uri) => {
    const phone = /sip:(\+\d+)@/.exec(uri)?.[1] ?? '';
    return behaviours[phone] ?? { ring: true };
  };
  const req = new FakeRequest();
  const res = new FakeResponse();
  const plan = createForwardPlanner(trunk)(resolve(tableOf({ groups, ringSeconds: 20 }), onDuty));
  const run = (presentNumber?: string) =>
    b2buaCall({
      srf,
      req,
      res,
      plan,
      headers: diversion,
      ...(presentNumber === undefined ? {} : { presentNumber }),
      log: silentLogger(),
      clock: Date.now,
    });
  return { srf, req, res, run };
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('b2buaCall', () => {
  it('connects the caller to the first target that answers, with the Diversion header', async () => {
    const { srf, res, run } = setup({ [jd.phone]: { answerAfterMs: 3000 } });
    const call = run();
    await vi.advanceTimersByTimeAsync(3000);
    const result = await call;
    expect(result).toMatchObject({
      outcome: 'answered',
      answeredBy: 'JD',
      attempts: [{ key: 'JD', phone: jd.phone, sipStatus: 200, ms: 3000 }],
    });
    expect(res.final?.status).toBe(200);
    expect(srf.legs.map((leg) => leg.uri)).toEqual([uriOf(jd.phone)]);
    expect(srf.legs[0]?.options).toMatchObject({
      headers: diversion,
      passFailure: false,
      proxyRequestHeaders: expect.arrayContaining(['P-Asserted-Identity', 'Privacy']),
    });
    expect(srf.legs[0]?.options.callingNumber).toBeUndefined();
  });

  it('cancels a target that rings past the ring time and hunts on to the next, then the fallback', async () => {
    const { srf, res, run } = setup({ [fallbackNumber.phone]: { answerAfterMs: 1000 } });
    const call = run();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(srf.legs.map((leg) => leg.cancelled)).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(21_000);
    const result = await call;
    expect(srf.legs.map((leg) => leg.uri)).toEqual([
      uriOf(jd.phone),
      uriOf(pk.phone),
      uriOf(fallbackNumber.phone),
    ]);
    expect(result.outcome).toBe('answered');
    expect(result.answeredBy).toBe(fallbackNumber.phone);
    expect(result.attempts.map((attempt) => [attempt.key ?? attempt.phone, attempt.sipStatus])).toEqual([
      ['JD', 408],
      ['PK', 408],
      [fallbackNumber.phone, 200],
    ]);
    expect(result.attempts[0]?.ms).toBe(20_000);
    expect(res.sent.map((response) => response.status)).toEqual([200]);
  });

  it('rings a + group together: the first answer wins and the others are cancelled', async () => {
    const { srf, run } = setup({ [ab.phone]: { answerAfterMs: 2000 } }, [[jd], [pk, ab]]);
    const call = run();
    await vi.advanceTimersByTimeAsync(20_000);
    await vi.advanceTimersByTimeAsync(2000);
    const result = await call;
    expect(result.answeredBy).toBe('AB');
    const [, pkLeg, abLeg] = srf.legs;
    expect(pkLeg?.cancelled).toBe(true);
    expect(abLeg?.cancelled).toBe(false);
    expect(result.attempts.map((attempt) => [attempt.key, attempt.sipStatus])).toEqual([
      ['JD', 408],
      ['PK', 487],
      ['AB', 200],
    ]);
    expect(srf.legs).toHaveLength(3);
  });

  it('moves on at once when a target is busy, and answers 486 when everyone is', async () => {
    const busy = { rejectAfterMs: 100, status: 486 } as const;
    const { res, run } = setup({ [jd.phone]: busy, [pk.phone]: busy, [fallbackNumber.phone]: busy });
    const call = run();
    await vi.advanceTimersByTimeAsync(1000);
    const result = await call;
    expect(result.outcome).toBe('busy');
    expect(result.attempts.map((attempt) => attempt.sipStatus)).toEqual([486, 486, 486]);
    expect(res.sent.map((response) => response.status)).toEqual([486]);
  });

  it('answers 480 when nobody answers at all', async () => {
    const { res, run } = setup({});
    const call = run();
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await call;
    expect(result.outcome).toBe('no-answer');
    expect(res.final?.status).toBe(480);
  });

  it('stops hunting when the caller hangs up, answering 487', async () => {
    const { srf, req, res, run } = setup({});
    const call = run();
    await vi.advanceTimersByTimeAsync(5000);
    req.cancelByCaller();
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await call;
    expect(result.outcome).toBe('cancelled');
    expect(srf.legs).toHaveLength(1);
    expect(srf.legs[0]?.cancelled).toBe(true);
    expect(res.sent.map((response) => response.status)).toEqual([487]);
    expect(result.attempts[0]?.sipStatus).toBe(487);
  });

  it('leaves no handler of a finished leg on the caller request', async () => {
    const { req, run } = setup({ [pk.phone]: { answerAfterMs: 10 } });
    const call = run();
    await vi.advanceTimersByTimeAsync(20_010);
    await call;
    // The first leg (cancelled at ring time) had added a 'cancel' handler; only the answering leg's remains.
    expect(req.listeners('cancel')).toHaveLength(1);
  });

  it('ends the record at the hangup, whichever side hangs up, and hangs up the other side', async () => {
    const { srf, run } = setup({ [jd.phone]: { answerAfterMs: 0 } });
    const call = run();
    await vi.advanceTimersByTimeAsync(0);
    const result = await call;
    const dialogs = srf.legs[0]?.dialogs;
    await vi.advanceTimersByTimeAsync(60_000);
    dialogs?.uac.hangUp();
    expect(await result.hangup).toBe(result.endedAt + 60_000);
    expect(dialogs?.uas.destroyed).toBe(true);
  });

  it('presents the dialled number instead of the caller when configured', async () => {
    const { srf, run } = setup({ [jd.phone]: { answerAfterMs: 0 } });
    const call = run('+31501234567');
    await vi.advanceTimersByTimeAsync(0);
    await call;
    expect(srf.legs[0]?.options).toMatchObject({ callingNumber: '+31501234567', proxyRequestHeaders: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { period } from './horizon.ts';
import { resolve } from './resolve-decision.ts';
import { parseRoutingTable } from './routing-table.ts';
import { compile, eb, fb, hour, instance, jd, keysOf, local, minute, pk } from './test-support.ts';

const horizon = period(local('2027-03-22T00:00'), local('2027-04-05T00:00'));
const shift = instance('shift', 'Storing JD', local('2027-03-26T17:00'), local('2027-03-29T08:00'));
const override = instance('override', 'PK+ÉB', local('2027-03-27T10:00'), local('2027-03-27T14:00'));
const targetsAt = (decision: ReturnType<typeof resolve>) => keysOf(decision.attempts.map((a) => a.targets));

describe('resolve', () => {
  it('returns the groups on duty in order, each as an attempt with the ring time', () => {
    const { table } = compile([shift, override], { ringSeconds: 25 }, { horizon });
    const decision = resolve(table, local('2027-03-27T12:00'));
    expect(decision).toEqual({
      version: 7,
      reason: 'duty',
      fallbackUsed: false,
      attempts: [
        {
          targets: [
            { key: 'PK', phone: pk.phone },
            { key: 'ÉB', phone: eb.phone },
          ],
          ringSeconds: 25,
        },
        { targets: [{ key: 'JD', phone: jd.phone }], ringSeconds: 25 },
      ],
      events: ['override', 'shift'],
      from: override.start,
      until: override.end,
      withinHorizon: true,
    });
  });

  it('gives the bounds of the slice as from and until, start inclusive and end exclusive', () => {
    const { table } = compile([shift, override], {}, { horizon });
    expect(targetsAt(resolve(table, override.start - 1))).toEqual([['JD']]);
    expect(targetsAt(resolve(table, override.start))).toEqual([['PK', 'ÉB'], ['JD']]);
    expect(targetsAt(resolve(table, override.end - 1))).toEqual([['PK', 'ÉB'], ['JD']]);
    const after = resolve(table, override.end);
    expect(targetsAt(after)).toEqual([['JD']]);
    expect([after.from, after.until]).toEqual([override.end, shift.end]);
    expect(resolve(table, shift.end).reason).toBe('none');
  });

  it('gives the bounds of a gap as from and until', () => {
    const { table } = compile([shift], {}, { horizon });
    const before = resolve(table, local('2027-03-23T12:00'));
    expect([before.from, before.until]).toEqual([horizon.start, shift.start]);
    const after = resolve(table, shift.end);
    expect([after.from, after.until]).toEqual([shift.end, horizon.end]);
    const empty = compile([], {}, { horizon }).table;
    expect([resolve(empty, horizon.start).from, resolve(empty, horizon.start).until]).toEqual([
      horizon.start,
      horizon.end,
    ]);
  });

  it('appends the fallback as the last attempt', () => {
    const { table } = compile([shift], { fallback: 'FB' }, { horizon });
    const decision = resolve(table, shift.start);
    expect(targetsAt(decision)).toEqual([['JD'], ['FB']]);
    expect([decision.reason, decision.fallbackUsed]).toEqual(['duty', true]);
  });

  it('rings only the fallback when nobody is on duty', () => {
    const { table } = compile([shift], { fallback: 'FB' }, { horizon });
    const decision = resolve(table, shift.end + hour);
    expect(decision.attempts).toEqual([{ targets: [{ key: 'FB', phone: fb.phone }], ringSeconds: 20 }]);
    expect([decision.reason, decision.fallbackUsed, decision.events]).toEqual(['fallback', true, []]);
  });

  it('does not ring the fallback twice when that contact is already on duty', () => {
    const { table } = compile(
      [instance('fb-duty', 'PK, FB', shift.start, shift.end)],
      { fallback: 'FB' },
      { horizon },
    );
    const decision = resolve(table, shift.start);
    expect(targetsAt(decision)).toEqual([['PK'], ['FB']]);
    expect(decision.fallbackUsed).toBe(true);
  });

  it('does not ring a raw fallback number twice when a contact on duty has it', () => {
    const { table } = compile([shift], { fallback: jd.phone }, { horizon });
    expect(targetsAt(resolve(table, shift.start))).toEqual([['JD']]);
  });

  it('rings a raw E.164 fallback as a target without key', () => {
    const { table } = compile([shift], { fallback: '+31301234567' }, { horizon });
    expect(resolve(table, shift.start).attempts.at(-1)?.targets).toEqual([{ phone: '+31301234567' }]);
    expect(resolve(table, shift.end).attempts).toEqual([
      { targets: [{ phone: '+31301234567' }], ringSeconds: 20 },
    ]);
  });

  it('has reason none and no attempts without fallback and without duty', () => {
    const { table } = compile([shift], {}, { horizon });
    const decision = resolve(table, shift.end);
    expect(decision).toMatchObject({
      reason: 'none',
      fallbackUsed: false,
      attempts: [],
      events: [],
      withinHorizon: true,
    });
  });

  it('offers only the fallback outside the horizon', () => {
    const { table } = compile(
      [instance('all', 'JD', horizon.start - hour, horizon.end + hour)],
      { fallback: 'FB' },
      { horizon },
    );
    const early = resolve(table, horizon.start - 1);
    expect(early).toMatchObject({ reason: 'fallback', withinHorizon: false, until: horizon.start });
    expect(early.from).toBe(Number.NEGATIVE_INFINITY);
    expect(targetsAt(early)).toEqual([['FB']]);
    const late = resolve(table, horizon.end);
    expect(late).toMatchObject({
      reason: 'fallback',
      withinHorizon: false,
      from: horizon.end,
      until: Number.POSITIVE_INFINITY,
    });
    expect(resolve(table, horizon.end - 1)).toMatchObject({ reason: 'duty', withinHorizon: true });
    const withoutFallback = compile([], {}, { horizon }).table;
    expect(resolve(withoutFallback, horizon.end + hour)).toMatchObject({
      reason: 'none',
      attempts: [],
      withinHorizon: false,
    });
  });

  it('returns the same decision object for every instant of a slice', () => {
    const { table } = compile([shift, override], { fallback: 'FB' }, { horizon });
    const first = resolve(table, override.start);
    for (let at = override.start; at < override.end; at += 17 * minute)
      expect(resolve(table, at)).toBe(first);
    expect(resolve(table, shift.end)).toBe(resolve(table, shift.end + 3 * hour));
    expect(resolve(table, horizon.end + 1)).toBe(resolve(table, horizon.end + hour));
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.attempts)).toBe(true);
  });

  it('resolves a table read back from JSON exactly like the original', () => {
    const { table } = compile(
      [shift, override, instance('later', 'ÉB', local('2027-04-01T09:00'), local('2027-04-01T17:00'))],
      {
        fallback: '+31301234567',
      },
      { horizon },
    );
    const copy = parseRoutingTable(JSON.parse(JSON.stringify(table)));
    expect(copy).toEqual(table);
    const instants: number[] = [];
    for (let at = horizon.start - hour; at <= horizon.end + hour; at += 30 * minute) instants.push(at);
    expect(instants.map((at) => resolve(copy, at))).toEqual(instants.map((at) => resolve(table, at)));
  });
});

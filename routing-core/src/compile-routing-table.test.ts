import { describe, expect, it } from 'vitest';
import { period } from './horizon.ts';
import { resolve } from './resolve-decision.ts';
import type { RoutingTable } from './routing-table.ts';
import {
  compile,
  directory,
  fb,
  hour,
  instance,
  jd,
  keysOf,
  local,
  pk,
  routingErrorOf,
} from './test-support.ts';

const shiftStart = local('2027-03-26T17:00');
const shiftEnd = local('2027-03-29T08:00');
const weekendShift = instance('shift', 'Storing JD', shiftStart, shiftEnd);
const overrideStart = local('2027-03-27T10:00');
const overrideEnd = local('2027-03-27T14:00');
const override = instance('override', 'PK', overrideStart, overrideEnd);

const sliceSummary = (table: RoutingTable) => table.slices.map((s) => [s.start, s.end, keysOf(s.groups)]);

describe('compileRoutingTable: overlaps', () => {
  it('under layered, rings the override first and the regular person as backup', () => {
    const { table } = compile([weekendShift, override]);
    expect(sliceSummary(table)).toEqual([
      [shiftStart, overrideStart, [['JD']]],
      [overrideStart, overrideEnd, [['PK'], ['JD']]],
      [overrideEnd, shiftEnd, [['JD']]],
    ]);
    expect(table.slices[1]?.events).toEqual(['override', 'shift']);
    expect(table.overlapPolicy).toBe('layered');
  });

  it('under override, rings only the override', () => {
    const { table } = compile([weekendShift, override], { overlapPolicy: 'override' });
    expect(keysOf(table.slices[1]?.groups ?? [])).toEqual([['PK']]);
    expect(table.slices[1]?.events).toEqual(['override', 'shift']);
  });

  it('orders events starting together by duration, shortest first', () => {
    const long = instance('a-long', 'JD', overrideStart, overrideStart + 4 * hour);
    const short = instance('z-short', 'PK', overrideStart, overrideStart + 2 * hour);
    const { table } = compile([long, short]);
    expect(keysOf(table.slices[0]?.groups ?? [])).toEqual([['PK'], ['JD']]);
  });

  it('orders events with equal start and duration by id', () => {
    const second = instance('b', 'PK', overrideStart, overrideEnd);
    const first = instance('a', 'JD', overrideStart, overrideEnd);
    const { table } = compile([second, first]);
    expect(keysOf(table.slices[0]?.groups ?? [])).toEqual([['JD'], ['PK']]);
    expect(table.slices[0]?.events).toEqual(['a', 'b']);
  });

  it('orders by the full event, not by the part inside the horizon', () => {
    const horizon = period(local('2027-03-27T00:00'), local('2027-04-01T00:00'));
    // Both are clipped to start at the horizon; the one that really started later wins.
    const earlier = instance('earlier', 'JD', local('2027-03-25T00:00'), local('2027-03-28T00:00'));
    const later = instance('later', 'PK', local('2027-03-26T00:00'), local('2027-03-29T00:00'));
    const { table } = compile([earlier, later], {}, { horizon });
    expect(keysOf(table.slices[0]?.groups ?? [])).toEqual([['PK'], ['JD']]);
    expect(table.slices[0]?.start).toBe(horizon.start);
  });

  it('lists a contact once: the first place wins', () => {
    const both = instance('both', 'JD+PK', overrideStart, overrideEnd);
    const { table } = compile([
      weekendShift,
      both,
      instance('again', 'PK, JD', overrideStart, overrideEnd + hour),
    ]);
    const during = table.slices.find((s) => s.start === overrideStart);
    expect(keysOf(during?.groups ?? [])).toEqual([['JD', 'PK']]);
  });

  it('makes adjacent slices for an event ending exactly when another starts', () => {
    const first = instance('first', 'JD', local('2027-03-26T08:00'), local('2027-03-26T17:00'));
    const second = instance('second', 'PK', local('2027-03-26T17:00'), local('2027-03-27T08:00'));
    const { table } = compile([first, second]);
    expect(sliceSummary(table)).toEqual([
      [first.start, first.end, [['JD']]],
      [second.start, second.end, [['PK']]],
    ]);
  });

  it('merges equal neighbours into one slice', () => {
    const first = instance('first', 'JD', local('2027-03-26T08:00'), local('2027-03-26T17:00'));
    const second = instance('second', 'Storing jd', local('2027-03-26T17:00'), local('2027-03-27T08:00'));
    const { table } = compile([first, second]);
    expect(sliceSummary(table)).toEqual([[first.start, second.end, [['JD']]]]);
    expect(table.slices[0]?.events).toEqual(['first', 'second']);
  });

  it('merges across an override that changes nothing', () => {
    const sameAgain = instance('same', 'JD', overrideStart, overrideEnd);
    const { table } = compile([weekendShift, sameAgain]);
    expect(sliceSummary(table)).toEqual([[shiftStart, shiftEnd, [['JD']]]]);
  });

  it('does not merge equal slices separated by a gap', () => {
    const first = instance('first', 'JD', local('2027-03-26T08:00'), local('2027-03-26T12:00'));
    const second = instance('second', 'JD', local('2027-03-26T13:00'), local('2027-03-26T17:00'));
    expect(compile([first, second]).table.slices).toHaveLength(2);
  });

  it('never routes a zero-length event and does not cut a slice for it', () => {
    const point = instance('point', 'PK', overrideStart, overrideStart);
    const { table, unmatched } = compile([weekendShift, point]);
    expect(sliceSummary(table)).toEqual([[shiftStart, shiftEnd, [['JD']]]]);
    expect(unmatched).toEqual([]);
  });

  it('clips slices to the horizon', () => {
    const horizon = period(local('2027-03-27T00:00'), local('2027-03-28T00:00'));
    const { table } = compile([weekendShift], {}, { horizon });
    expect(sliceSummary(table)).toEqual([[horizon.start, horizon.end, [['JD']]]]);
    expect(table.horizon).toEqual(horizon);
  });
});

describe('compileRoutingTable: unmatched events', () => {
  it('reports events that select nobody, with their tokens, and never routes them', () => {
    const typo = instance('typo', 'Storing JDD', overrideStart, overrideEnd);
    const { table, unmatched } = compile([typo]);
    expect(table.slices).toEqual([]);
    expect(unmatched).toEqual([
      {
        id: 'typo',
        uid: 'typo',
        start: overrideStart,
        end: overrideEnd,
        subject: 'Storing JDD',
        unmatchedTokens: ['Storing', 'JDD'],
      },
    ]);
  });

  it('reports a lower-case key as unmatched when keys are case-sensitive', () => {
    const lower = instance('lower', 'jd', overrideStart, overrideEnd);
    const { table, unmatched } = compile([lower], {}, { contacts: directory(undefined, true) });
    expect(table.slices).toEqual([]);
    expect(unmatched.map((u) => u.unmatchedTokens)).toEqual([['jd']]);
  });
});

describe('compileRoutingTable: fallback and settings', () => {
  it('appends the fallback contact last', () => {
    const { table } = compile([weekendShift], { fallback: 'FB' });
    expect(table.fallback).toEqual({ key: 'FB', phone: fb.phone });
    expect(keysOf(resolve(table, overrideStart).attempts.map((a) => a.targets))).toEqual([['JD'], ['FB']]);
  });

  it('accepts a fallback key in another case, and a raw phone number', () => {
    expect(compile([], { fallback: 'fb' }).table.fallback).toEqual({ key: 'FB', phone: fb.phone });
    expect(compile([], { fallback: '0031 30 123 4567' }).table.fallback).toEqual({ phone: '+31301234567' });
  });

  it('refuses a fallback that is neither a key nor a phone number, without echoing it', () => {
    const error = routingErrorOf(() => compile([], { fallback: 'XY' }), 'INVALID_FALLBACK');
    expect(error.field).toBe('fallback');
    routingErrorOf(() => compile([], { fallback: '0612' }), 'INVALID_FALLBACK');
  });

  it('keeps the ring time, strategy, policy, version and DID in the table', () => {
    const { table } = compile([weekendShift], {
      did: '050 123 4500',
      ringSeconds: 30,
      strategy: 'simultaneous',
      overlapPolicy: 'override',
    });
    expect(table).toMatchObject({
      format: 1,
      did: '+31501234500',
      version: 7,
      ringSeconds: 30,
      strategy: 'simultaneous',
      overlapPolicy: 'override',
      fallback: null,
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('defaults to 20 seconds, sequential and layered', () => {
    expect(compile([]).table).toMatchObject({
      ringSeconds: 20,
      strategy: 'sequential',
      overlapPolicy: 'layered',
    });
  });

  it('puts all groups into one attempt under the simultaneous strategy', () => {
    const { table } = compile(
      [weekendShift, override, instance('eb', 'ÉB, JD', overrideStart, overrideEnd)],
      {
        strategy: 'simultaneous',
        fallback: 'FB',
      },
    );
    const during = table.slices.find((s) => s.start === overrideStart);
    // "eb" and "override" start and end together: the id decides, then the weekend shift.
    expect(keysOf(during?.groups ?? [])).toEqual([['ÉB', 'JD', 'PK']]);
    expect(keysOf(resolve(table, overrideStart).attempts.map((a) => a.targets))).toEqual([
      ['ÉB', 'JD', 'PK'],
      ['FB'],
    ]);
  });

  it('refuses invalid settings with a RoutingError', () => {
    const error = routingErrorOf(() => compile([], { ringSeconds: 2 }), 'INVALID_ARGUMENT');
    expect(error.field).toBe('ringSeconds');
    routingErrorOf(() => compile([], { strategy: 'random' as 'sequential' }), 'INVALID_ARGUMENT');
  });

  it('uses the contacts given, not a global list', () => {
    const { table, unmatched } = compile([override], {}, { contacts: directory([jd]) });
    expect(table.slices).toEqual([]);
    expect(unmatched).toHaveLength(1);
    expect(compile([override], {}, { contacts: directory([pk]) }).table.slices).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  baselineWindow,
  formatGraphDeltaCursor,
  parseGraphDeltaCursor,
  windowCovers,
} from './graph-delta-cursor.ts';

const day = 86_400_000;
const horizon = { start: Date.parse('2027-03-22T00:00:00Z'), end: Date.parse('2027-04-26T00:00:00Z') };
const moved = (ms: number) => ({ start: horizon.start + ms, end: horizon.end + ms });

describe('graph delta cursor', () => {
  it('round-trips the deltaLink with the window it was baselined for', () => {
    const cursor = {
      deltaLink: 'https://graph.microsoft.com/v1.0/users/u/calendar/calendarView/delta?$deltatoken=abc',
      window: horizon,
    };
    const stored = formatGraphDeltaCursor(cursor);
    expect(JSON.parse(stored)).toEqual({
      deltaLink: cursor.deltaLink,
      windowStart: '2027-03-22T00:00:00.000Z',
      windowEnd: '2027-04-26T00:00:00.000Z',
    });
    expect(parseGraphDeltaCursor(stored)).toEqual(cursor);
  });

  it('reads an absent, bare or foreign cursor as none, so the next fetch lists everything', () => {
    expect(parseGraphDeltaCursor(undefined)).toBeUndefined();
    expect(
      parseGraphDeltaCursor('https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=x'),
    ).toBeUndefined();
    expect(parseGraphDeltaCursor('{"syncToken":"abc"}')).toBeUndefined();
  });

  it('keeps a window while the horizon has moved at most the slack, and not after', () => {
    const window = baselineWindow(horizon, day);
    expect(window).toEqual({ start: horizon.start, end: horizon.end + day });
    expect(windowCovers(window, horizon, day)).toBe(true);
    expect(windowCovers(window, moved(day - 1), day)).toBe(true);
    expect(windowCovers(window, moved(day), day)).toBe(true);
    expect(windowCovers(window, moved(day + 1), day)).toBe(false);
    expect(windowCovers(window, moved(-1), day)).toBe(false);
  });
});

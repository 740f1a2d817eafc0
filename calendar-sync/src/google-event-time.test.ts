import { describe, expect, it } from 'vitest';
import { toEventTime } from './google-event-time.ts';
import { isSyncError } from './sync-error.ts';

describe('toEventTime', () => {
  it("reads Google's offset as wall-clock time in the event's zone", () => {
    expect(
      toEventTime(
        { dateTime: '2027-03-26T14:00:00+01:00', timeZone: 'America/New_York' },
        'Europe/Amsterdam',
      ),
    ).toEqual({
      dateTime: '2027-03-26T09:00:00',
      timeZone: 'America/New_York',
    });
  });

  it("uses the calendar's zone when the time has none", () => {
    expect(toEventTime({ dateTime: '2027-03-28T01:30:00Z' }, 'Europe/Amsterdam')).toEqual({
      dateTime: '2027-03-28T03:30:00',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('reads a time without offset in its zone', () => {
    expect(toEventTime({ dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Amsterdam' }, 'UTC')).toEqual({
      dateTime: '2027-03-26T17:00:00',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('keeps dates as dates', () => {
    expect(toEventTime({ date: '2027-03-28' }, 'Europe/Amsterdam')).toEqual({ date: '2027-03-28' });
  });

  it('refuses an unknown zone with INVALID_RESPONSE', () => {
    let code: string | undefined;
    try {
      toEventTime({ dateTime: '2027-03-26T17:00:00+01:00', timeZone: 'Mars/Olympus' }, 'Europe/Amsterdam');
    } catch (error) {
      code = isSyncError(error) ? error.code : undefined;
    }
    expect(code).toBe('INVALID_RESPONSE');
  });
});

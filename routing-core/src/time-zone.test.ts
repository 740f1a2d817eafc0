import { describe, expect, it } from 'vitest';
import { amsterdam, customAmsterdamZone, local, minute, routingErrorOf } from './test-support.ts';
import { createTimeZoneResolver, isIanaTimeZone } from './time-zone.ts';
import { parseLocalDateTime } from './wall-time.ts';

const customId = 'Amsterdam, Berlijn (eigen)';
const resolveZone = createTimeZoneResolver({ [customId]: customAmsterdamZone(customId).join('\r\n') });

/** Every quarter hour of the two 2027 DST days and the days around them, as wall times. */
const wallTimesAroundDst = (): number[] => {
  const walls: number[] = [];
  for (const day of ['2027-03-27', '2027-03-28', '2027-03-29', '2027-10-30', '2027-10-31', '2027-11-01']) {
    const midnight = parseLocalDateTime(`${day}T00:00`);
    for (let offset = 0; offset < 24 * 60 * minute; offset += 15 * minute) walls.push(midnight + offset);
  }
  return walls;
};

describe('createTimeZoneResolver', () => {
  it('resolves IANA names', () => {
    const zone = resolveZone(amsterdam);
    expect(zone.toInstant(parseLocalDateTime('2027-03-26T17:00'))).toBe(local('2027-03-26T17:00'));
    expect(zone.toWall(local('2027-07-01T08:00'))).toBe(parseLocalDateTime('2027-07-01T08:00'));
  });

  it('resolves Windows zone names to their IANA zone', () => {
    const zone = resolveZone('W. Europe Standard Time');
    expect(isIanaTimeZone(zone.id)).toBe(true);
    expect(zone.toInstant(parseLocalDateTime('2027-03-29T08:00'))).toBe(local('2027-03-29T08:00'));
    expect(resolveZone('Eastern Standard Time').toInstant(parseLocalDateTime('2027-03-15T09:00'))).toBe(
      local('2027-03-15T09:00', 'America/New_York'),
    );
  });

  it('resolves UTC', () => {
    expect(resolveZone('UTC').toInstant(parseLocalDateTime('2027-03-28T02:30'))).toBe(
      Date.UTC(2027, 2, 28, 2, 30),
    );
  });

  it('prefers the calendar VTIMEZONE over an IANA zone of the same name', () => {
    const fixedPlusFive = [
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Amsterdam',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0500',
      'TZOFFSETTO:+0500',
      'DTSTART:19700101T000000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ].join('\r\n');
    const zone = createTimeZoneResolver({ [amsterdam]: fixedPlusFive })(amsterdam);
    expect(zone.toInstant(parseLocalDateTime('2027-07-01T12:00'))).toBe(Date.UTC(2027, 6, 1, 7));
  });

  it('moves a wall time inside the spring-forward gap forward by the gap', () => {
    const wall = parseLocalDateTime('2027-03-28T02:30');
    expect(resolveZone(amsterdam).toInstant(wall)).toBe(local('2027-03-28T03:30'));
    expect(resolveZone(customId).toInstant(wall)).toBe(local('2027-03-28T03:30'));
  });

  it('converts like the IANA zone with a VTIMEZONE of the same rules, around both DST changes', () => {
    const iana = resolveZone(amsterdam);
    const custom = resolveZone(customId);
    const walls = wallTimesAroundDst();
    expect(walls.map((wall) => custom.toInstant(wall))).toEqual(walls.map((wall) => iana.toInstant(wall)));
    // The same quarter hours read as instants: this covers both sides of each change in UTC too.
    const instants = walls;
    expect(instants.map((instant) => custom.toWall(instant))).toEqual(
      instants.map((instant) => iana.toWall(instant)),
    );
  });

  it('gives both instants of the repeated autumn hour their own wall time', () => {
    const firstHalfPastTwo = Date.UTC(2027, 9, 31, 0, 30);
    const secondHalfPastTwo = Date.UTC(2027, 9, 31, 1, 30);
    for (const zone of [resolveZone(amsterdam), resolveZone(customId)]) {
      expect(zone.toWall(firstHalfPastTwo)).toBe(parseLocalDateTime('2027-10-31T02:30'));
      expect(zone.toWall(secondHalfPastTwo)).toBe(parseLocalDateTime('2027-10-31T02:30'));
    }
  });

  it('refuses a name that is no VTIMEZONE, IANA or Windows zone', () => {
    routingErrorOf(() => resolveZone('Mars/Olympus Mons'), 'UNKNOWN_TIME_ZONE');
  });

  it('refuses a VTIMEZONE it cannot read', () => {
    const broken = createTimeZoneResolver({ Broken: 'BEGIN:VTIMEZONE\r\nnot ics' });
    routingErrorOf(() => broken('Broken'), 'UNKNOWN_TIME_ZONE');
  });
});

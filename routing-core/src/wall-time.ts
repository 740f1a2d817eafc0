import { RoutingError } from './routing-error.ts';

/**
 * Wall-clock time: the local date and time fields of a calendar, counted as milliseconds as if they
 * were UTC. Differences between two wall times are wall-clock durations ("Friday 17:00 to Monday
 * 08:00"), which is what recurring events keep across daylight-saving changes.
 */
export type WallTime = number;

const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const checked = (wall: number, input: string, fields: readonly number[]): WallTime => {
  const back = new Date(wall);
  const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
  const roundTrips =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() + 1 === month &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  if (!roundTrips) throw new RoutingError('INVALID_EVENT', `"${input}" is not a valid local date or time`);
  return wall;
};

/** "2027-03-26T17:00:00" (seconds optional) to wall time; rejects impossible dates like 02-30. */
export const parseLocalDateTime = (input: string): WallTime => {
  const match = localDateTimePattern.exec(input);
  if (!match)
    throw new RoutingError('INVALID_EVENT', `"${input}" is not a local date-time (YYYY-MM-DDTHH:mm:ss)`);
  const fields = match.slice(1).map((part) => Number(part ?? 0));
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
  return checked(Date.UTC(year, month - 1, day, hour, minute, second), input, fields);
};

/** "2027-03-28" to the wall time of its midnight. */
export const parseLocalDate = (input: string): WallTime => {
  const match = localDatePattern.exec(input);
  if (!match) throw new RoutingError('INVALID_EVENT', `"${input}" is not a date (YYYY-MM-DD)`);
  const fields = match.slice(1).map(Number);
  const [year = 0, month = 1, day = 1] = fields;
  return checked(Date.UTC(year, month - 1, day), input, fields);
};

export const formatLocalDateTime = (wall: WallTime): string => new Date(wall).toISOString().slice(0, 19);

export const formatLocalDate = (wall: WallTime): string => new Date(wall).toISOString().slice(0, 10);

import ICAL from 'ical.js';
import type { CalendarEvent, EventStatus, EventTime } from './calendar-event.ts';
import { RoutingError } from './routing-error.ts';
import {
  createTimeZoneResolver,
  isIanaTimeZone,
  type TimeZoneResolver,
  type ZoneDefinitions,
} from './time-zone.ts';
import { formatLocalDate, formatLocalDateTime, parseLocalDate, parseLocalDateTime } from './wall-time.ts';

export interface ParsedCalendar {
  /** X-WR-TIMEZONE when it names an IANA zone, else the default passed in. */
  readonly timeZone: string;
  readonly name?: string;
  readonly events: CalendarEvent[];
  /** VTIMEZONE components by TZID; pass them on to `expandEvents`. */
  readonly zones: ZoneDefinitions;
}

export interface ParseIcsOptions {
  /** Applies to floating times and all-day events when the file names no zone. */
  readonly defaultTimeZone?: string;
}

interface ContentLine {
  readonly text: string;
  readonly line: number;
}

/** A property as ical.js parses one content line: [name, params, type, ...values]. */
interface Property {
  readonly name: string;
  readonly params: Readonly<Record<string, string | string[]>>;
  readonly type: string;
  readonly values: readonly unknown[];
  readonly raw: string;
  readonly line: number;
}

interface Block {
  readonly name: string;
  readonly line: number;
  readonly properties: Property[];
  readonly children: Block[];
  readonly lines: string[];
}

const fail = (line: number, message: string, cause?: unknown): never => {
  throw new RoutingError('INVALID_ICS', message, { line, cause });
};

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
const unfold = (text: string): ContentLine[] => {
  const lines: ContentLine[] = [];
  text.split(/\r\n|\n|\r/).forEach((physical, index) => {
    const previous = lines[lines.length - 1];
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && previous) {
      lines[lines.length - 1] = { text: previous.text + physical.slice(1), line: previous.line };
    } else if (physical.trim() !== '') {
      lines.push({ text: physical, line: index + 1 });
    }
  });
  return lines;
};

const parseProperty = ({ text, line }: ContentLine): Property => {
  let jcal: unknown[];
  try {
    jcal = ICAL.parse.property(text);
  } catch (cause) {
    return fail(line, 'this line is not an iCalendar property', cause);
  }
  const [name, params, type, ...values] = jcal as [
    string,
    Record<string, string | string[]>,
    string,
    ...unknown[],
  ];
  if (!name) fail(line, 'this line has no property name');
  return { name: name.toUpperCase(), params, type, values, raw: text, line };
};

/** Nests content lines into components; ical.js parses each property line, so errors keep their line. */
const readBlocks = (lines: readonly ContentLine[]): Block => {
  const root: Block = { name: '', line: 0, properties: [], children: [], lines: [] };
  const stack: Block[] = [root];
  for (const content of lines) {
    const marker = /^(BEGIN|END):(.+)$/i.exec(content.text.trim());
    const current = stack[stack.length - 1] as Block;
    if (marker?.[1]?.toUpperCase() === 'BEGIN') {
      const block: Block = {
        name: (marker[2] ?? '').toUpperCase(),
        line: content.line,
        properties: [],
        children: [],
        lines: [],
      };
      current.children.push(block);
      stack.push(block);
      for (const open of stack) open.lines.push(content.text);
    } else if (marker?.[1]?.toUpperCase() === 'END') {
      const name = (marker[2] ?? '').toUpperCase();
      if (current === root || current.name !== name) {
        fail(
          content.line,
          `END:${name} does not close ${current === root ? 'anything' : `BEGIN:${current.name} (line ${current.line})`}`,
        );
      }
      for (const open of stack) open.lines.push(content.text);
      stack.pop();
    } else {
      if (current === root) fail(content.line, 'content outside BEGIN:VCALENDAR ... END:VCALENDAR');
      current.properties.push(parseProperty(content));
      for (const open of stack) open.lines.push(content.text);
    }
  }
  const unclosed = stack[stack.length - 1] as Block;
  if (unclosed !== root) fail(unclosed.line, `BEGIN:${unclosed.name} is never closed`);
  return root;
};

const first = (block: Block, name: string): Property | undefined =>
  block.properties.find((p) => p.name === name);
const all = (block: Block, name: string): Property[] => block.properties.filter((p) => p.name === name);

const textValue = (property: Property | undefined): string | undefined => {
  const value = property?.values[0];
  return typeof value === 'string' ? value : undefined;
};

const param = (property: Property, name: string): string | undefined => {
  const value = property.params[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The value text of a content line: after the first colon that is not inside a quoted parameter. */
const rawValueOf = (line: string): string => {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return line.slice(i + 1);
  }
  return '';
};

/** RFC 5545 DATE or DATE-TIME (local or UTC), optionally the start of a PERIOD ("start/end"). */
const dateValuePattern = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?(?:\/[0-9A-Z+-]+)?$/;

/**
 * The EventTimes of a date-valued property, read from its value text: ical.js reads these values by
 * position and accepts junk ("20270327X100000"), so the text is checked against the RFC form here.
 */
const eventTimesOf = (property: Property, calendarZone: string, resolveZone: TimeZoneResolver): EventTime[] =>
  rawValueOf(property.raw)
    .split(',')
    .map((text) => {
      const match = dateValuePattern.exec(text.trim());
      if (!match)
        fail(
          property.line,
          `${property.name}: "${text.trim().slice(0, 40)}" is not an iCalendar date or date-time`,
        );
      const [, year, month, day, hour, minute, second, utc] = match as RegExpExecArray;
      try {
        if (hour === undefined) return { date: formatLocalDate(parseLocalDate(`${year}-${month}-${day}`)) };
        const dateTime = formatLocalDateTime(
          parseLocalDateTime(`${year}-${month}-${day}T${hour}:${minute}:${second}`),
        );
        if (utc) return { dateTime, timeZone: 'UTC' };
        const tzid = param(property, 'tzid');
        if (tzid === undefined) return { dateTime, timeZone: calendarZone };
        resolveZone(tzid);
        return { dateTime, timeZone: tzid };
      } catch (cause) {
        const message = cause instanceof RoutingError ? cause.message : 'invalid value';
        return fail(property.line, `${property.name}: ${message}`, cause);
      }
    });

const firstTimeOf = (property: Property, calendarZone: string, resolveZone: TimeZoneResolver): EventTime => {
  const times = eventTimesOf(property, calendarZone, resolveZone);
  if (times.length !== 1) fail(property.line, `${property.name} must have exactly one value`);
  return times[0] as EventTime;
};

const statusOf = (property: Property | undefined): EventStatus => {
  switch (textValue(property)?.toUpperCase()) {
    case 'CANCELLED':
      return 'cancelled';
    case 'TENTATIVE':
      return 'tentative';
    default:
      return 'confirmed';
  }
};

/** DTEND, else DTSTART + DURATION (days as calendar days, the rest as elapsed time), else RFC defaults. */
/**
 * DTEND, else DTSTART + DURATION, else the RFC 5545 defaults. A duration's weeks and days are calendar
 * days (same wall-clock time), its hours, minutes and seconds elapsed time (RFC 5545 §3.3.6).
 */
const endOf = (
  event: Block,
  start: EventTime,
  toTime: (p: Property) => EventTime,
  resolveZone: TimeZoneResolver,
): EventTime => {
  const dtend = first(event, 'DTEND');
  if (dtend) return toTime(dtend);
  const durationProperty = first(event, 'DURATION');
  if ('date' in start) {
    const days = durationProperty ? Math.floor(parseDuration(durationProperty).toSeconds() / 86_400) : 1;
    return { date: formatLocalDate(parseLocalDate(start.date) + Math.max(days, 0) * 86_400_000) };
  }
  if (!durationProperty) return start;
  const duration = parseDuration(durationProperty);
  if (duration.isNegative) fail(durationProperty.line, 'DURATION must not be negative');
  const calendarDays = duration.weeks * 7 + duration.days;
  const elapsedMs = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  const zone = resolveZone(start.timeZone);
  const afterDays = parseLocalDateTime(start.dateTime) + calendarDays * 86_400_000;
  return {
    dateTime: formatLocalDateTime(zone.toWall(zone.toInstant(afterDays) + elapsedMs)),
    timeZone: start.timeZone,
  };
};

const parseDuration = (property: Property): ICAL.Duration => {
  const raw = textValue(property);
  try {
    if (!raw || !/^[+-]?P/.test(raw)) throw new Error('not a duration');
    return ICAL.Duration.fromString(raw);
  } catch (cause) {
    return fail(property.line, 'DURATION is not an iCalendar duration', cause);
  }
};

const rruleOf = (property: Property): string => {
  const value = property.raw.slice(property.raw.indexOf(':') + 1).trim();
  try {
    ICAL.Recur.fromString(value);
  } catch (cause) {
    fail(property.line, 'RRULE cannot be read', cause);
  }
  if (!/(^|;)FREQ=/i.test(value)) fail(property.line, 'RRULE has no FREQ');
  return value;
};

const readEvent = (event: Block, calendarZone: string, resolveZone: TimeZoneResolver): CalendarEvent => {
  const toTime = (p: Property) => firstTimeOf(p, calendarZone, resolveZone);
  const dtstart = first(event, 'DTSTART') ?? fail(event.line, 'VEVENT has no DTSTART');
  const start = toTime(dtstart);
  const end = endOf(event, start, toTime, resolveZone);
  if ('date' in start !== 'date' in end)
    fail(event.line, 'DTSTART and DTEND must both be dates or both date-times');
  const rrules = all(event, 'RRULE').map(rruleOf);
  const rdates = all(event, 'RDATE').flatMap((p) => eventTimesOf(p, calendarZone, resolveZone));
  const exdates = all(event, 'EXDATE').flatMap((p) => eventTimesOf(p, calendarZone, resolveZone));
  const recurrenceIdProperty = first(event, 'RECURRENCE-ID');
  const uid = textValue(first(event, 'UID')) ?? `line-${event.line}`;
  return {
    uid,
    ...(recurrenceIdProperty ? { recurrenceId: toTime(recurrenceIdProperty) } : {}),
    subject: textValue(first(event, 'SUMMARY')) ?? '',
    status: statusOf(first(event, 'STATUS')),
    start,
    end,
    ...(rrules.length + rdates.length > 0 ? { recurrence: { rrules, rdates, exdates } } : {}),
  };
};

/**
 * Parses ICS text (RFC 5545) into normalised events. Every error names the line it was found on, and
 * nothing is returned for a file with any error: a half-read roster would route calls wrongly.
 */
export const parseIcs = (text: string, options: ParseIcsOptions = {}): ParsedCalendar => {
  const root = readBlocks(unfold(text));
  const calendar = root.children[0];
  if (calendar?.name !== 'VCALENDAR') {
    return fail(calendar?.line ?? 1, 'not an iCalendar file: it must start with BEGIN:VCALENDAR');
  }
  const declaredZone = textValue(first(calendar, 'X-WR-TIMEZONE'));
  const timeZone =
    declaredZone && isIanaTimeZone(declaredZone)
      ? declaredZone
      : (options.defaultTimeZone ?? 'Europe/Amsterdam');
  if (!isIanaTimeZone(timeZone))
    throw new RoutingError('UNKNOWN_TIME_ZONE', `unknown time zone "${timeZone}"`);

  const zones: Record<string, string> = {};
  for (const block of calendar.children.filter((c) => c.name === 'VTIMEZONE')) {
    const tzid = textValue(first(block, 'TZID')) ?? fail(block.line, 'VTIMEZONE has no TZID');
    zones[tzid] = block.lines.join('\r\n');
  }
  const resolveZone = createTimeZoneResolver(zones);
  const events = calendar.children
    .filter((c) => c.name === 'VEVENT')
    .map((block) => readEvent(block, timeZone, resolveZone));
  const name = textValue(first(calendar, 'X-WR-CALNAME'));
  return { timeZone, ...(name ? { name } : {}), events, zones };
};

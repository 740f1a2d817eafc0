import {
  type CompileResult,
  type ContactDirectory,
  compileRoutingTable,
  createContactDirectory,
  createCoverageReport,
  type EventInstance,
  expandEvents,
  horizonAround,
  isRoutingError,
  type ParsedCalendar,
  type Period,
  parseIcs,
  period,
  resolveFallback,
} from '@wygc/routing-core';
import { usageError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from './command.ts';
import { coverageJson } from './coverage-json.ts';
import { coverageText } from './coverage-text.ts';
import { decisionJson } from './decision-json.ts';
import { decisionText } from './decision-text.ts';
import { createDecisionView } from './decision-view.ts';
import { inZone } from './iso-instant.ts';
import { parseContactsCsv } from './parse-contacts-csv.ts';
import { type PreviewArgs, parsePreviewArgs } from './preview-args.ts';
import { readInputFile } from './read-input-file.ts';
import { withinFile } from './within-file.ts';

const usage =
  'wygc preview --ics <file> --contacts <file.csv> (--at <instant> | --from <instant> --days <n>) [options]';

const help = `Shows who a calendar makes ring: at one instant (--at), or day by day with gaps and
unmatched events (--from and --days).

Usage: wygc preview --ics <file> --contacts <file.csv> (--at <instant> | --from <instant> --days <n>)
                    [--tz <zone>] [--policy layered|override] [--fallback <key|phone>] [--json]

  --ics <file>          the calendar (iCalendar, .ics)
  --contacts <file>     contacts.csv with the header key,phone,description
  --at <instant>        the decision at this instant, e.g. 2027-03-27T10:30:00+01:00
  --from <instant>      start of the coverage report
  --days <n>            length of the report in days, 1 to 366
  --tz <zone>           IANA zone to show times in and to read instants without an offset in
                        (default: the calendar's X-WR-TIMEZONE, else Europe/Amsterdam)
  --policy <policy>     layered (default): overlapping events ring one after another;
                        override: only the later-starting event rings
  --fallback <target>   a contact key or phone number that rings last, and alone in a gap
  --json                machine-readable output (see the README)

Exit codes: 0 done, 1 bad input file or data, 2 bad command line.
`;

/** The period of interest, and the horizon compiled around it with room for what began before it. */
const periodsOf = (args: PreviewArgs, zone: string): { readonly focus: Period; readonly horizon: Period } => {
  if (args.window.kind === 'at') {
    const at = args.window.at(zone);
    // 35 days ahead: enough to say until when the answer holds.
    return { focus: period(at, at), horizon: horizonAround(at) };
  }
  const from = inZone(args.window.from(zone), zone);
  const focus = period(+from, +from.plus({ days: args.window.days }));
  return { focus, horizon: period(+from.minus({ days: 1 }), +inZone(focus.end, zone).plus({ days: 1 })) };
};

const checkFallback = (
  fallback: string | undefined,
  contacts: ContactDirectory,
  contactsFile: string,
): void => {
  try {
    resolveFallback(fallback, contacts);
  } catch (error) {
    if (!isRoutingError(error)) throw error;
    throw usageError(`--fallback is neither a key in ${contactsFile} nor a valid phone number`);
  }
};

interface Compiled extends CompileResult {
  readonly instances: readonly EventInstance[];
}

const compile = (
  args: PreviewArgs,
  calendar: ParsedCalendar,
  contacts: ContactDirectory,
  horizon: Period,
): Compiled => {
  const instances = withinFile(args.ics, () =>
    expandEvents(calendar.events, { horizon, timeZone: calendar.timeZone, zones: calendar.zones }),
  );
  const settings = { fallback: args.fallback ?? null, overlapPolicy: args.policy };
  const compiled = compileRoutingTable({
    instances,
    contacts,
    settings,
    horizon,
    timeZone: calendar.timeZone,
    version: 1,
    compiledAt: Date.now(),
  });
  return { ...compiled, instances };
};

const runPreview = async (argv: readonly string[], io: CliIo): Promise<void> => {
  const args = parsePreviewArgs(argv);
  const icsText = await readInputFile(io, args.ics);
  const csvText = await readInputFile(io, args.contacts);
  const calendar = withinFile(args.ics, () => parseIcs(icsText, args.tz ? { defaultTimeZone: args.tz } : {}));
  const contacts = createContactDirectory(parseContactsCsv(csvText, args.contacts));
  checkFallback(args.fallback, contacts, args.contacts);
  const zone = args.tz ?? calendar.timeZone;
  const { focus, horizon } = periodsOf(args, zone);
  const { table, unmatched, instances } = compile(args, calendar, contacts, horizon);

  if (args.window.kind === 'at') {
    const view = createDecisionView({ at: focus.start, zone, table, instances, unmatched, contacts });
    io.stdout(args.json ? `${JSON.stringify(decisionJson(view), null, 2)}\n` : decisionText(view));
    return;
  }
  const report = createCoverageReport(table, { period: focus, unmatched });
  const view = { calendarName: calendar.name, zone, overlapPolicy: args.policy, report, contacts };
  io.stdout(args.json ? `${JSON.stringify(coverageJson(view), null, 2)}\n` : coverageText(view));
};

export const previewCommand: Command = {
  name: 'preview',
  summary: 'show who rings at an instant, or who is on duty day by day',
  usage,
  help,
  run: runPreview,
};

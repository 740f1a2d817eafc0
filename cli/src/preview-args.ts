import { parseArgs } from 'node:util';
import { isIanaTimeZone, type OverlapPolicy, overlapPolicies } from '@wygc/routing-core';
import { z } from 'zod';
import { usageError } from './cli-error.ts';
import { type InstantInZone, parseIsoInstant } from './iso-instant.ts';

/** What to preview: the decision at one instant, or the coverage report for whole days. */
export type PreviewWindow =
  | { readonly kind: 'at'; readonly at: InstantInZone }
  | { readonly kind: 'report'; readonly from: InstantInZone; readonly days: number };

export interface PreviewArgs {
  readonly ics: string;
  readonly contacts: string;
  readonly tz: string | undefined;
  readonly policy: OverlapPolicy;
  readonly fallback: string | undefined;
  readonly json: boolean;
  /** Instants wait for the display zone: without an offset they are read in it. */
  readonly window: PreviewWindow;
}

const options = {
  ics: { type: 'string' },
  contacts: { type: 'string' },
  tz: { type: 'string' },
  policy: { type: 'string' },
  fallback: { type: 'string' },
  at: { type: 'string' },
  from: { type: 'string' },
  days: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const instantOption = (flag: string) =>
  z.string().transform((text, context): InstantInZone => {
    const instant = parseIsoInstant(text);
    if (instant) return instant;
    context.issues.push({
      code: 'custom',
      input: text,
      message: `${flag} must be an ISO date-time such as 2027-03-26T17:00:00+01:00`,
    });
    return z.NEVER;
  });

const daysMessage = '--days must be a whole number from 1 to 366';

const previewOptionsSchema = z.object({
  ics: z.string({ error: '--ics <file> is required' }).min(1, '--ics needs a file name'),
  contacts: z.string({ error: '--contacts <file.csv> is required' }).min(1, '--contacts needs a file name'),
  tz: z.string().refine(isIanaTimeZone, '--tz must be an IANA time zone such as Europe/Amsterdam').optional(),
  policy: z.enum(overlapPolicies, { error: '--policy must be layered or override' }).default('layered'),
  fallback: z.string().trim().min(1, '--fallback needs a contact key or a phone number').optional(),
  at: instantOption('--at').optional(),
  from: instantOption('--from').optional(),
  days: z
    .string()
    .regex(/^\d+$/, daysMessage)
    .transform(Number)
    .pipe(z.number().int().min(1, daysMessage).max(366, daysMessage))
    .optional(),
  json: z.boolean().default(false),
});

type PreviewOptions = z.output<typeof previewOptionsSchema>;

const windowOf = ({ at, from, days }: PreviewOptions): PreviewWindow => {
  if (at !== undefined && (from !== undefined || days !== undefined)) {
    throw usageError('use either --at, or --from with --days, not both');
  }
  if (at !== undefined) return { kind: 'at', at };
  if (from === undefined && days === undefined)
    throw usageError('say when: --at <instant>, or --from <instant> --days <n>');
  if (from === undefined) throw usageError('--days needs --from <instant>');
  if (days === undefined) throw usageError('--from needs --days <n>');
  return { kind: 'report', from, days };
};

/** node:util's messages go on to explain positional arguments; their first sentence says it all. */
const firstSentence = (message: string): string => message.split(/\.\s/)[0] ?? message;

/** Reads `wygc preview` arguments; every problem is a usage error with one line saying what is wrong. */
export const parsePreviewArgs = (argv: readonly string[]): PreviewArgs => {
  let values: unknown;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw usageError(firstSentence(error instanceof Error ? error.message : String(error)));
  }
  const result = previewOptionsSchema.safeParse(values);
  if (!result.success) throw usageError(result.error.issues[0]?.message ?? 'invalid arguments');
  const { ics, contacts, tz, policy, fallback, json } = result.data;
  return { ics, contacts, tz, policy, fallback, json, window: windowOf(result.data) };
};

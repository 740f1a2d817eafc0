import type { Period } from '@wygc/routing-core';
import { z } from 'zod';

/**
 * A calendarView delta round is bound to the window it started with, so the cursor keeps that window
 * beside the deltaLink: a later fetch can tell whether the horizon still fits inside it.
 */
export interface GraphDeltaCursor {
  readonly deltaLink: string;
  readonly window: Period;
}

const storedSchema = z.object({
  deltaLink: z.url(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
});

export const formatGraphDeltaCursor = (cursor: GraphDeltaCursor): string =>
  JSON.stringify({
    deltaLink: cursor.deltaLink,
    windowStart: new Date(cursor.window.start).toISOString(),
    windowEnd: new Date(cursor.window.end).toISOString(),
  });

/** An absent or unreadable cursor (another version, a bare deltaLink) just means a full listing. */
export const parseGraphDeltaCursor = (stored: string | undefined): GraphDeltaCursor | undefined => {
  if (stored === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return undefined;
  }
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return {
    deltaLink: parsed.data.deltaLink,
    window: { start: Date.parse(parsed.data.windowStart), end: Date.parse(parsed.data.windowEnd) },
  };
};

/**
 * The window to baseline for a horizon: the horizon plus `slackMs` at the end, so that the horizon,
 * which moves forward with time, stays inside the window until it has moved by more than `slackMs`.
 */
export const baselineWindow = (horizon: Period, slackMs: number): Period => ({
  start: horizon.start,
  end: horizon.end + slackMs,
});

/** True while the horizon lies inside the window and has moved forward by at most `slackMs`. */
export const windowCovers = (window: Period, horizon: Period, slackMs: number): boolean =>
  horizon.start >= window.start && horizon.start - window.start <= slackMs && horizon.end <= window.end;

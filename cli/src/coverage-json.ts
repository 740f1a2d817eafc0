import type { OverlapPolicy } from '@wygc/routing-core';
import type { CoverageView } from './coverage-view.ts';
import { formatIsoInstant } from './iso-instant.ts';
import { attemptsJson, type TargetJson, targetJson } from './target-json.ts';
import { type UnmatchedJson, unmatchedJson } from './unmatched-json.ts';

interface PeriodJson {
  readonly start: string;
  readonly end: string;
}

/** `wygc preview --from ... --days ... --json`; documented in cli/README-preview.md, so keep it stable. */
export interface CoverageJson {
  readonly calendar: string | null;
  readonly timeZone: string;
  readonly period: PeriodJson;
  readonly overlapPolicy: OverlapPolicy;
  /** Rings after everyone in a slice, and alone in a gap; not repeated in the slices. */
  readonly fallback: TargetJson | null;
  readonly slices: readonly (PeriodJson & { readonly attempts: TargetJson[][] })[];
  readonly gaps: readonly PeriodJson[];
  readonly unmatched: readonly UnmatchedJson[];
}

export const coverageJson = (view: CoverageView): CoverageJson => {
  const { report, zone } = view;
  const period = (p: { start: number; end: number }): PeriodJson => ({
    start: formatIsoInstant(p.start, zone),
    end: formatIsoInstant(p.end, zone),
  });
  return {
    calendar: view.calendarName ?? null,
    timeZone: zone,
    period: period(report.period),
    overlapPolicy: view.overlapPolicy,
    fallback: report.fallback ? targetJson(report.fallback) : null,
    slices: report.slices.map((slice) => ({ ...period(slice), attempts: attemptsJson(slice.groups) })),
    gaps: report.gaps.map(period),
    unmatched: report.unmatched.map((event) => unmatchedJson(event, zone)),
  };
};

import type { ContactDirectory, CoverageReport, OverlapPolicy } from '@wygc/routing-core';

/** Everything `wygc preview --from ... --days ...` shows. */
export interface CoverageView {
  readonly calendarName: string | undefined;
  /** Display zone for every instant and every day shown. */
  readonly zone: string;
  readonly overlapPolicy: OverlapPolicy;
  readonly report: CoverageReport;
  readonly contacts: ContactDirectory;
}

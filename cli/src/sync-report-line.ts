/** What one sync did, as the functions package reports it. */
export interface SyncSummary {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly ok: boolean;
  readonly upserted: number;
  readonly deleted: number;
  readonly replacedAll: boolean;
  /** Table versions published, by number id. */
  readonly published: Readonly<Record<string, number>>;
  readonly error?: string;
}

/** One line per synced calendar: which one, what changed in its events, which tables were published. */
export const syncReportLine = (report: SyncSummary, calendarName: string): string => {
  const label = `${report.tenantId}/${report.sourceId} (${calendarName})`;
  if (!report.ok) return `${label}: failed: ${report.error ?? 'unknown error'}`;
  const published = Object.entries(report.published).map(([numberId, version]) => `${numberId} v${version}`);
  return (
    `${label}: ${report.upserted} upserted, ${report.deleted} deleted` +
    `${report.replacedAll ? ' (full listing)' : ''}, ` +
    (published.length > 0 ? `published ${published.join(', ')}` : 'no table changed')
  );
};

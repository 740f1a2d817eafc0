import { describe, expect, it } from 'vitest';
import { syncReportLine } from './sync-report-line.ts';

const base = {
  tenantId: 't1',
  sourceId: 's1',
  ok: true,
  upserted: 0,
  deleted: 0,
  replacedAll: false,
  published: {},
};

describe('syncReportLine', () => {
  it('says what changed and which table versions were published', () => {
    expect(
      syncReportLine(
        { ...base, upserted: 10, deleted: 2, replacedAll: true, published: { n1: 3, n2: 7 } },
        'Storingsdienst',
      ),
    ).toBe('t1/s1 (Storingsdienst): 10 upserted, 2 deleted (full listing), published n1 v3, n2 v7');
    expect(syncReportLine(base, 'Rooster')).toBe('t1/s1 (Rooster): 0 upserted, 0 deleted, no table changed');
  });

  it('gives the reason of a failure', () => {
    expect(syncReportLine({ ...base, ok: false, error: 'ICS calendar answered 404' }, 'Rooster')).toBe(
      't1/s1 (Rooster): failed: ICS calendar answered 404',
    );
  });
});

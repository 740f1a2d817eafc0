import { Spinner } from '@fluentui/react-components';
import { useCallback } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { RosterTable } from './roster-table.tsx';
import { RosterTimeline } from './roster-timeline.tsx';
import { useSession } from './session-context.tsx';
import { UnmatchedList } from './unmatched-list.tsx';
import { useApiData } from './use-api-data.ts';
import { useContactNames } from './use-contact-names.ts';
import { startOfDayInstant } from './zoned-time.ts';

/** Days shown: two weeks, as the coverage report's default. */
export const rosterDayCount = 14;

/** The coverage report of one number from one day: timeline, shift table and unmatched events. */
export const RosterReport = (props: { readonly numberId: string; readonly from: string }) => {
  const { t } = useI18n();
  const { api, me } = useSession();
  const names = useContactNames();
  const { numberId, from } = props;
  const coverage = useApiData(
    useCallback(() => {
      const start = startOfDayInstant(from, me.tenant.timeZone);
      if (!start) return Promise.reject(new Error('invalid date'));
      return api.numbers.coverage(numberId, start, rosterDayCount);
    }, [api, numberId, from, me.tenant.timeZone]),
  );
  const report = coverage.data;
  return (
    <>
      <ErrorBar error={coverage.error} />
      {coverage.loading && <Spinner size="small" label={t('common.loading')} />}
      {report && !coverage.error && (
        <>
          {report.clipped && <NoticeBar intent="warning">{t('roster.clipped')}</NoticeBar>}
          <RosterTimeline report={report} />
          <UnmatchedList report={report} />
          <RosterTable report={report} names={names} />
        </>
      )}
    </>
  );
};

import { Field, Input, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { NumberSelect } from './number-select.tsx';
import { rosterMemory } from './roster-memory.ts';
import { RosterReport } from './roster-report.tsx';
import { routeHref } from './routes.ts';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';
import { WhoRingsPicker } from './who-rings-picker.tsx';
import { toDate } from './zoned-time.ts';

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end' },
});

/** The number and the first day live in the route (#/roster?number=…&from=…): links can point at a week. */
export const RosterView = (props: { readonly params: URLSearchParams }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api, me } = useSession();
  const numbers = useApiData(useCallback(() => api.numbers.list(), [api]));
  const items = numbers.data?.items ?? [];
  const remembered = rosterMemory.recall();
  const numberId = props.params.get('number') ?? remembered.number ?? items[0]?.id;
  const from = props.params.get('from') ?? remembered.from ?? toDate(Date.now(), me.tenant.timeZone);
  useEffect(() => rosterMemory.remember({ number: numberId, from }), [numberId, from]);
  const go = (next: { number?: string | undefined; from?: string }) => {
    window.location.hash = routeHref('roster', { number: numberId, from, ...next });
  };
  return (
    <>
      <ViewHeading title={t('roster.title')} description={t('roster.description')} />
      <ErrorBar error={numbers.error} />
      {numbers.loading && !numbers.data && <Spinner label={t('common.loading')} />}
      {numbers.data && items.length === 0 && <NoticeBar intent="info">{t('numbers.none')}</NoticeBar>}
      {numberId && (
        <>
          <div className={styles.controls}>
            <NumberSelect numbers={items} value={numberId} onChange={(number) => go({ number })} />
            <Field label={t('roster.from')}>
              <Input
                type="date"
                value={from}
                onChange={(_, data) => {
                  if (data.value) go({ from: data.value });
                }}
              />
            </Field>
          </div>
          <RosterReport numberId={numberId} from={from} />
          <WhoRingsPicker numberId={numberId} />
        </>
      )}
    </>
  );
};

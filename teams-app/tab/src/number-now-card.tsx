import { Body1, Caption1, Card, CardHeader, Link, Spinner, Subtitle2 } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { RoutedNumber } from './api-schemas.ts';
import { attemptsLabel } from './attempts-label.ts';
import { DecisionAttempts } from './decision-attempts.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { routeHref } from './routes.ts';
import { useSession } from './session-context.tsx';
import { formatDateTime } from './time-format.ts';
import { useApiData } from './use-api-data.ts';
import { toDate } from './zoned-time.ts';

/** One number now: the decision at this moment (server time) and the one that follows it at `until`. */
export const NumberNowCard = (props: {
  readonly number: RoutedNumber;
  readonly names: ReadonlyMap<string, string>;
}) => {
  const { t, language } = useI18n();
  const { api, me } = useSession();
  const { number } = props;
  const zone = me.tenant.timeZone;
  const decisions = useApiData(
    useCallback(async () => {
      const now = await api.numbers.decision(number.id);
      const next = now.until ? await api.numbers.decision(number.id, now.until) : undefined;
      return { now, next };
    }, [api, number.id]),
  );
  const headingId = `now-${number.id}`;
  const now = decisions.data?.now;
  const next = decisions.data?.next;
  return (
    <Card role="region" aria-labelledby={headingId}>
      <CardHeader
        header={
          <Subtitle2 as="h2" id={headingId}>
            {number.name}
          </Subtitle2>
        }
        description={<Caption1>{number.did}</Caption1>}
      />
      <ErrorBar error={decisions.error} />
      {decisions.loading && !decisions.data && <Spinner size="small" label={t('common.loading')} />}
      {now && (
        <>
          <Body1>{t('now.ringsNow')}</Body1>
          <DecisionAttempts decision={now} names={props.names} />
          <Body1>
            {now.until ? t('now.until', { time: formatDateTime(now.until, zone, language) }) : t('now.noEnd')}
          </Body1>
          {!now.withinHorizon && <Caption1>{t('now.outsideHorizon')}</Caption1>}
          {next && now.until && (
            <Body1>
              {t('now.next', {
                who: next.attempts.length > 0 ? attemptsLabel(next.attempts) : t('decision.nobody'),
                time: formatDateTime(now.until, zone, language),
              })}
            </Body1>
          )}
          <Link href={routeHref('roster', { number: number.id, from: toDate(now.at, zone) })}>
            {t('now.openRoster')}
          </Link>
        </>
      )}
    </Card>
  );
};

import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { NumberSelect } from './number-select.tsx';
import { useSession } from './session-context.tsx';
import type { TeamsHost } from './teams-host.ts';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
  },
});

/** A channel tab's configuration in Teams: which number's roster the tab shows. */
export const ConfigureView = (props: { readonly host: TeamsHost }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const numbers = useApiData(useCallback(() => api.numbers.list(), [api]));
  const [chosen, setChosen] = useState<string | undefined>();
  const items = numbers.data?.items ?? [];
  const number = items.find((candidate) => candidate.id === chosen) ?? items[0];
  const { host } = props;
  useEffect(() => {
    if (!number) return host.setConfigValid(false);
    const contentUrl = new URL(
      `/teams/roster?number=${encodeURIComponent(number.id)}`,
      window.location.origin,
    );
    host.saveTabConfig({
      contentUrl: contentUrl.toString(),
      entityId: `roster-${number.id}`,
      displayName: number.name,
    });
    host.setConfigValid(true);
  }, [host, number]);
  return (
    <main className={styles.root}>
      <ViewHeading title={t('configure.title')} description={t('configure.description')} />
      <ErrorBar error={numbers.error} />
      {numbers.loading && !numbers.data && <Spinner label={t('common.loading')} />}
      {numbers.data && items.length === 0 && <NoticeBar intent="info">{t('numbers.none')}</NoticeBar>}
      {number && <NumberSelect numbers={items} value={number.id} onChange={setChosen} />}
    </main>
  );
};

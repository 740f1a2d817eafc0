import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { NumberNowCard } from './number-now-card.tsx';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';
import { useContactNames } from './use-contact-names.ts';
import { ViewHeading } from './view-heading.tsx';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

/** Per number: who rings now, in what order, until when, and who is next. */
export const NowView = () => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const numbers = useApiData(useCallback(() => api.numbers.list(), [api]));
  const names = useContactNames();
  return (
    <>
      <ViewHeading title={t('now.title')} description={t('now.description')} />
      <ErrorBar error={numbers.error} />
      {numbers.loading && !numbers.data && <Spinner label={t('common.loading')} />}
      {numbers.data?.items.length === 0 && <NoticeBar intent="info">{t('numbers.none')}</NoticeBar>}
      <div className={styles.cards}>
        {numbers.data?.items.map((number) => (
          <NumberNowCard key={number.id} number={number} names={names} />
        ))}
      </div>
    </>
  );
};

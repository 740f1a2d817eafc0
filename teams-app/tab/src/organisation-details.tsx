import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import type { Organisation } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';
import { OverlapPolicyHints } from './overlap-policy-hints.tsx';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(160px, max-content) 1fr',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, display: 'flex', flexDirection: 'column' },
});

/** The organisation's name, zone and settings, for those who may read but not change them. */
export const OrganisationDetails = (props: { readonly organisation: Organisation }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { name, timeZone, settings } = props.organisation;
  const rows: readonly (readonly [string, ReactNode])[] = [
    [t('organisation.name'), name],
    [t('organisation.timeZone'), timeZone],
    [t('organisation.ringSeconds'), settings.ringSeconds],
    [
      t('organisation.overlapPolicy'),
      <>
        {t(`numbers.overlap.${settings.overlapPolicy}`)}
        <Caption1>
          <OverlapPolicyHints />
        </Caption1>
      </>,
    ],
    [t('organisation.caseSensitiveKeys'), settings.caseSensitiveKeys ? t('common.yes') : t('common.no')],
    [t('organisation.cdrRetentionDays'), settings.cdrRetentionDays],
    [t('organisation.auditRetentionDays'), settings.auditRetentionDays],
  ];
  return (
    <dl className={styles.list}>
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
};

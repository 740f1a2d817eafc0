import { Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import type { Coverage } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';
import { RosterDayRow } from './roster-day-row.tsx';
import { rosterDays } from './roster-days.ts';
import { RosterLegend } from './roster-legend.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    overflowX: 'auto',
  },
  hours: {
    display: 'grid',
    gridTemplateColumns: '150px 1fr',
    minWidth: '640px',
  },
  ticks: { display: 'flex', justifyContent: 'space-between' },
  screenReaderOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

const ticks = ['00:00', '06:00', '12:00', '18:00', '24:00'];

/**
 * Fourteen day bars, each local midnight to midnight. A picture of the table below it: screen readers
 * get the table (this part is hidden from them, and says nothing the table does not).
 */
export const RosterTimeline = (props: { readonly report: Coverage }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const days = useMemo(() => rosterDays(props.report), [props.report]);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {t('roster.timeline')}
      </Subtitle2>
      <span className={styles.screenReaderOnly}>{t('roster.timelineForScreenReaders')}</span>
      <div aria-hidden="true">
        <RosterLegend />
        <div className={styles.hours}>
          <span />
          <div className={styles.ticks}>
            {ticks.map((tick) => (
              <Caption1 key={tick}>{tick}</Caption1>
            ))}
          </div>
        </div>
        {days.map((day) => (
          <RosterDayRow key={day.start} day={day} timeZone={props.report.timeZone} />
        ))}
      </div>
    </section>
  );
};

import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { attemptsLabel } from './attempts-label.ts';
import { useI18n } from './i18n-context.tsx';
import { colorForLabel } from './roster-colors.ts';
import type { RosterDay } from './roster-days.ts';
import { formatDay, formatRange } from './time-format.ts';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: '150px 1fr',
    alignItems: 'center',
    minWidth: '640px',
    minHeight: '44px',
  },
  bar: {
    position: 'relative',
    height: '40px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    backgroundImage: `linear-gradient(to right, ${tokens.colorNeutralStroke2} 1px, transparent 1px)`,
    backgroundSize: '25% 100%',
  },
  segment: {
    position: 'absolute',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    boxSizing: 'border-box',
    paddingLeft: '3px',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  duty: {
    top: '2px',
    height: '26px',
    lineHeight: '26px',
    borderLeft: `2px solid ${tokens.colorNeutralBackground1}`,
  },
  gap: {
    top: '2px',
    height: '26px',
    lineHeight: '26px',
    color: tokens.colorPaletteRedForeground1,
    backgroundImage: `repeating-linear-gradient(45deg, ${tokens.colorPaletteRedBackground2} 0 6px, transparent 6px 12px)`,
    outline: `1px solid ${tokens.colorPaletteRedBorder2}`,
  },
  unmatched: {
    top: '30px',
    height: '8px',
    backgroundColor: tokens.colorPaletteDarkOrangeBorder2,
  },
});

/** One day's bar: duty slices coloured and labelled by who rings, gaps hatched red, unmatched events below. */
export const RosterDayRow = (props: { readonly day: RosterDay; readonly timeZone: string }) => {
  const styles = useStyles();
  const { t, language } = useI18n();
  const { day, timeZone } = props;
  const place = (segment: { left: number; width: number }) => ({
    left: `${segment.left}%`,
    width: `${segment.width}%`,
  });
  const range = (segment: { start: string; end: string }) =>
    formatRange(segment.start, segment.end, timeZone, language);
  return (
    <div className={styles.row}>
      <Caption1>{formatDay(day.start, timeZone, language)}</Caption1>
      <div className={styles.bar}>
        {day.duty.map((slice) => {
          const label = attemptsLabel(slice.attempts);
          return (
            <span
              key={`duty-${slice.start}`}
              className={mergeClasses(styles.segment, styles.duty)}
              style={{ ...place(slice), backgroundColor: colorForLabel(label) }}
              title={`${range(slice)}: ${label}`}
            >
              {label}
            </span>
          );
        })}
        {day.gaps.map((gap) => (
          <span
            key={`gap-${gap.start}`}
            className={mergeClasses(styles.segment, styles.gap)}
            style={place(gap)}
            title={`${range(gap)}: ${t('roster.gap')}`}
          >
            {t('roster.gap')}
          </span>
        ))}
        {day.unmatched.map((event) => (
          <span
            key={`unmatched-${event.uid}-${event.start}`}
            className={mergeClasses(styles.segment, styles.unmatched)}
            style={place(event)}
            title={`${range(event)}: ${event.subject}`}
          />
        ))}
      </div>
    </div>
  );
};

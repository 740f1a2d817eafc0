import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from './i18n-context.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalS,
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '14px', height: '14px', borderRadius: '2px' },
  duty: { backgroundColor: tokens.colorPaletteBlueBackground2 },
  gap: {
    backgroundImage: `repeating-linear-gradient(45deg, ${tokens.colorPaletteRedBackground2} 0 3px, transparent 3px 6px)`,
    outline: `1px solid ${tokens.colorPaletteRedBorder2}`,
  },
  unmatched: { backgroundColor: tokens.colorPaletteDarkOrangeBorder2, height: '6px' },
});

/** What the timeline's colours mean. */
export const RosterLegend = () => {
  const styles = useStyles();
  const { t } = useI18n();
  const items = [
    { swatch: styles.duty, text: t('roster.legendDuty') },
    { swatch: styles.gap, text: t('roster.legendGap') },
    { swatch: styles.unmatched, text: t('roster.legendUnmatched') },
  ];
  return (
    <div className={styles.root}>
      {items.map((item) => (
        <span key={item.text} className={styles.item}>
          <span className={mergeClasses(styles.swatch, item.swatch)} />
          <Caption1>{item.text}</Caption1>
        </span>
      ))}
    </div>
  );
};

import { Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { Coverage } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';
import { formatRange } from './time-format.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderLeft: `4px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  subject: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * Events whose subject selects nobody: never routed, so shown with the exact subject and the words that
 * are no contact key, for the planner to fix the typo. Subjects are text, whatever they contain.
 */
export const UnmatchedList = (props: { readonly report: Coverage }) => {
  const styles = useStyles();
  const { t, language } = useI18n();
  const headingId = useId();
  const { unmatched, timeZone } = props.report;
  if (unmatched.length === 0) return null;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {t('roster.unmatchedTitle', { count: unmatched.length })}
      </Subtitle2>
      <ul className={styles.list}>
        {unmatched.map((event) => (
          <li key={`${event.uid}-${event.start}`}>
            <Body1 className={styles.subject}>“{event.subject}”</Body1>{' '}
            <Caption1>{formatRange(event.start, event.end, timeZone, language)}</Caption1>
            <br />
            <Caption1>
              {event.unmatchedTokens.length > 0
                ? t('roster.unmatchedTokens', { tokens: event.unmatchedTokens.join(', ') })
                : t('roster.unmatchedNoTokens')}
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
};

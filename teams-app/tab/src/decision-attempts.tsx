import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { Decision } from './api-schemas.ts';
import { describeTarget } from './describe-target.ts';
import { useI18n } from './i18n-context.tsx';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  item: { padding: `${tokens.spacingVerticalXXS} 0` },
  badge: { marginLeft: tokens.spacingHorizontalS },
});

/** The people a call rings, in order; people in one group ring together; the fallback is marked. */
export const DecisionAttempts = (props: {
  readonly decision: Decision;
  readonly names: ReadonlyMap<string, string>;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { attempts, fallbackUsed } = props.decision;
  if (attempts.length === 0) return <p>{t('decision.refused')}</p>;
  return (
    <ol className={styles.list}>
      {attempts.map((group, index) => {
        const isFallback = fallbackUsed && index === attempts.length - 1;
        return (
          // The groups are positions in a ringing order: the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <li key={index} className={styles.item}>
            {group.map((target) => describeTarget(target, props.names)).join(` ${t('decision.together')} `)}
            {isFallback && (
              <Badge className={styles.badge} appearance="tint" color="warning">
                {t('decision.fallback')}
              </Badge>
            )}
          </li>
        );
      })}
    </ol>
  );
};

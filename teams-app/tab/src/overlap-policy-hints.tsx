import { makeStyles } from '@fluentui/react-components';
import { overlapPolicies } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';

const useStyles = makeStyles({ line: { display: 'block' } });

/** What each overlap policy does, one line each, in the number form's words. */
export const OverlapPolicyHints = () => {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <>
      {overlapPolicies.map((policy) => (
        <span key={policy} className={styles.line}>
          {t(`numbers.overlap.${policy}`)}: {t(`numbers.overlap.${policy}Hint`)}
        </span>
      ))}
    </>
  );
};

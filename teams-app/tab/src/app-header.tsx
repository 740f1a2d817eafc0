import { Button, Caption1, makeStyles, mergeClasses, Subtitle1, tokens } from '@fluentui/react-components';
import { useI18n } from './i18n-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { display: 'flex', flexDirection: 'column', marginRight: 'auto' },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** The banner: which organisation, who is signed in, language and sign-out. */
export const AppHeader = (props: { readonly className?: string }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { me, signOut } = useSession();
  return (
    <header className={mergeClasses(styles.root, props.className)}>
      <div className={styles.title}>
        <Subtitle1 as="p">WhoYouGonnaCall</Subtitle1>
        <Caption1>{me.tenant.name}</Caption1>
      </div>
      <div className={styles.user}>
        <Caption1>
          {me.email} · {t(`role.${me.role}`)}
        </Caption1>
        <LanguageSwitch />
        <Button onClick={signOut}>{t('shell.signOut')}</Button>
      </div>
    </header>
  );
};

import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { AppHeader } from './app-header.tsx';
import { CurrentView } from './current-view.tsx';
import { useI18n } from './i18n-context.tsx';
import { NavMenu } from './nav-menu.tsx';
import type { Route } from './routes.ts';
import { useHashRoute } from './use-hash-route.ts';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(160px, 200px) 1fr',
    gridTemplateRows: 'auto 1fr',
    gridTemplateAreas: '"header header" "nav main"',
    minHeight: '100vh',
    '@media (max-width: 640px)': {
      gridTemplateColumns: '1fr',
      gridTemplateAreas: '"header" "nav" "main"',
    },
  },
  header: { gridArea: 'header' },
  nav: { gridArea: 'nav' },
  main: {
    gridArea: 'main',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalS, top: tokens.spacingVerticalS, zIndex: 10 },
  },
});

/** Banner, navigation and main landmarks, with a skip link for keyboard users. */
export const AppShell = (props: {
  readonly teamsRoute: Route | undefined;
  /** Shown above every view, e.g. how linking the Teams account at sign-in went. */
  readonly notice: ReactNode;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const route = useHashRoute(props.teamsRoute);
  return (
    <div className={styles.layout}>
      {/* Not a hash link: the hash is the route. */}
      <button type="button" className={styles.skip} onClick={() => document.getElementById('main')?.focus()}>
        {t('shell.skipToContent')}
      </button>
      <AppHeader className={styles.header} />
      <NavMenu className={styles.nav} current={route.view} />
      <main id="main" className={styles.main} tabIndex={-1}>
        {props.notice}
        <CurrentView route={route} />
      </main>
    </div>
  );
};

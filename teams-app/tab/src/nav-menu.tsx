import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from './i18n-context.tsx';
import { routeHref, type ViewName } from './routes.ts';
import { useSession } from './session-context.tsx';
import { visibleViews } from './visible-views.ts';

const useStyles = makeStyles({
  root: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: tokens.spacingVerticalM,
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  link: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** The left navigation: plain links to #routes, so every view is bookmarkable and keyboard-reachable. */
export const NavMenu = (props: { readonly current: ViewName; readonly className?: string }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <nav aria-label={t('nav.label')} className={mergeClasses(styles.root, props.className)}>
      <ul className={styles.list}>
        {visibleViews(me.role).map((view) => (
          <li key={view}>
            <a
              href={routeHref(view)}
              className={mergeClasses(styles.link, view === props.current && styles.current)}
              aria-current={view === props.current ? 'page' : undefined}
            >
              {t(`nav.${view}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

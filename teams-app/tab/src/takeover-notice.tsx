import { Link } from '@fluentui/react-components';
import type { RoutedNumber, Takeover } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { routeHref } from './routes.ts';
import { useSession } from './session-context.tsx';
import { formatDateTime } from './time-format.ts';
import { toDate } from './zoned-time.ts';

/** The takeover is in: until when, and a link to the roster of that day where it shows. */
export const TakeoverNotice = (props: { readonly takeover: Takeover; readonly number: RoutedNumber }) => {
  const { t, language } = useI18n();
  const { me } = useSession();
  const zone = me.tenant.timeZone;
  const { takeover, number } = props;
  return (
    <NoticeBar>
      {t('takeover.done', {
        who: takeover.contactKey,
        number: number.name,
        until: formatDateTime(takeover.end, zone, language),
      })}{' '}
      <Link href={routeHref('roster', { number: number.id, from: toDate(takeover.start, zone) })}>
        {t('takeover.showInRoster')}
      </Link>
    </NoticeBar>
  );
};

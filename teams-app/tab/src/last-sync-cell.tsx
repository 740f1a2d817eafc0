import { Badge, Caption1 } from '@fluentui/react-components';
import type { Calendar } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';
import { formatDateTime } from './time-format.ts';

/** When the calendar was last read, and what came of it: the provider's error in words when it failed. */
export const LastSyncCell = (props: { readonly lastSync: Calendar['lastSync'] }) => {
  const { t, language } = useI18n();
  const { me } = useSession();
  const { lastSync } = props;
  if (!lastSync) return <Caption1>{t('calendars.neverSynced')}</Caption1>;
  return (
    <>
      <Caption1>{formatDateTime(lastSync.at, me.tenant.timeZone, language)}</Caption1>{' '}
      {lastSync.ok ? (
        <Badge appearance="tint" color="success">
          {t('calendars.syncOk', { upserted: lastSync.upserted, deleted: lastSync.deleted })}
        </Badge>
      ) : (
        <Badge appearance="tint" color="danger">
          {t('calendars.syncError')}
        </Badge>
      )}
      {lastSync.error && (
        <>
          <br />
          <Caption1>{lastSync.error}</Caption1>
        </>
      )}
    </>
  );
};

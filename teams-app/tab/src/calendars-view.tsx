import { Spinner } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { CalendarConnectForm } from './calendar-connect-form.tsx';
import { CalendarsTable } from './calendars-table.tsx';
import { ErrorBar } from './error-bar.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { OAuthConnectButtons } from './oauth-connect-buttons.tsx';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';

/** Connected calendars with their last sync; administrators connect more and sync on demand. */
export const CalendarsView = () => {
  const { t } = useI18n();
  const { api, me } = useSession();
  const calendars = useApiData(useCallback(() => api.calendars.list(), [api]));
  const [notice, setNotice] = useState<string | undefined>();
  const canEdit = hasRole(me.role, 'admin');
  const changed = (message: string) => {
    setNotice(message);
    calendars.reload();
  };
  return (
    <>
      <ViewHeading title={t('calendars.title')} description={t('calendars.description')} />
      <ErrorBar error={calendars.error} />
      {notice && <NoticeBar>{notice}</NoticeBar>}
      {calendars.loading && !calendars.data && <Spinner label={t('common.loading')} />}
      {calendars.data && (
        <CalendarsTable calendars={calendars.data.items} canEdit={canEdit} onChanged={changed} />
      )}
      {canEdit && (
        <>
          <CalendarConnectForm
            onConnected={(calendar) => changed(t('calendars.connected', { name: calendar.name }))}
          />
          <OAuthConnectButtons />
        </>
      )}
    </>
  );
};

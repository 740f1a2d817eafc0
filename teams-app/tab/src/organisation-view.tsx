import { Spinner } from '@fluentui/react-components';
import { useCallback } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { OrganisationDetails } from './organisation-details.tsx';
import { OrganisationForm } from './organisation-form.tsx';
import { Panel } from './panel.tsx';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';
import { WorkspaceDomainsPanel } from './workspace-domains-panel.tsx';

/** The organisation itself: everyone reads its settings, owners change them. */
export const OrganisationView = () => {
  const { t } = useI18n();
  const { api, me } = useSession();
  const organisation = useApiData(useCallback(() => api.organisation.get(), [api]));
  const data = organisation.data;
  return (
    <>
      <ViewHeading title={t('organisation.title')} description={t('organisation.description')} />
      <ErrorBar error={organisation.error} />
      {organisation.loading && !data && <Spinner label={t('common.loading')} />}
      {data &&
        (hasRole(me.role, 'owner') ? (
          <OrganisationForm organisation={data} />
        ) : (
          <Panel title={t('organisation.settingsTitle')}>
            <NoticeBar intent="info">{t('organisation.ownersOnly')}</NoticeBar>
            <OrganisationDetails organisation={data} />
          </Panel>
        ))}
      {data && <WorkspaceDomainsPanel domains={data.settings.googleWorkspaceDomains} />}
    </>
  );
};

import { EraseContactPanel } from './erase-contact-panel.tsx';
import { ExportPanel } from './export-panel.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';
import { TerminatePanel } from './terminate-panel.tsx';
import { ViewHeading } from './view-heading.tsx';

/** The processing agreement's duties: exports, erasure of one contact, and (owners) termination. */
export const PrivacyView = () => {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <ViewHeading title={t('privacy.title')} description={t('privacy.description')} />
      <ExportPanel />
      <EraseContactPanel />
      {hasRole(me.role, 'owner') && <TerminatePanel />}
    </>
  );
};

import { Body1 } from '@fluentui/react-components';
import { AdminsPanel } from './admins-panel.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { Panel } from './panel.tsx';
import { useSession } from './session-context.tsx';
import { TeamsLinkPanel } from './teams-link-panel.tsx';
import { TotpEnrolment } from './totp-enrolment.tsx';
import { ViewHeading } from './view-heading.tsx';

/**
 * The signed-in account (two-step sign-in, the linked Teams account) and, for administrators, who else
 * administers the organisation.
 */
export const AccountView = () => {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <ViewHeading title={t('account.title')} />
      <Panel title={t('account.you')}>
        <Body1>
          {t('account.summary', {
            email: me.email,
            role: t(`role.${me.role}`),
            organisation: me.tenant.name,
          })}
        </Body1>
        <Body1>{t('account.timeZone', { zone: me.tenant.timeZone })}</Body1>
      </Panel>
      <TotpEnrolment />
      <TeamsLinkPanel />
      {hasRole(me.role, 'admin') && <AdminsPanel />}
    </>
  );
};

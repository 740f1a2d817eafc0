import { Body1, Button } from '@fluentui/react-components';
import type { Me } from './api-schemas.ts';
import { useI18n } from './i18n-context.tsx';
import { Panel } from './panel.tsx';
import { useSession } from './session-context.tsx';
import type { TeamsHost } from './teams-host.ts';
import { TeamsLinkNotice } from './teams-link-notice.tsx';
import { useTeamsLink } from './use-teams-link.ts';

type Offer = 'unlink' | 'link' | 'turn-on-totp' | 'open-in-teams';

/** Linking needs a fresh Teams SSO token, and the API wants a session opened with password and code. */
const offerFor = (me: Me, teamsHost: TeamsHost | undefined): Offer => {
  if (me.sso.entra) return 'unlink';
  if (!teamsHost) return 'open-in-teams';
  return me.totpEnrolled ? 'link' : 'turn-on-totp';
};

/** The Microsoft account Teams signs in with: linked inside Teams, unlinked anywhere. */
export const TeamsLinkPanel = () => {
  const { t } = useI18n();
  const { api, me, reloadMe, teamsHost } = useSession();
  const { state, link, unlink } = useTeamsLink(api, reloadMe);
  const busy = state.status === 'busy';
  const offer = offerFor(me, teamsHost);
  return (
    <Panel title={t('teamsLink.title')}>
      <TeamsLinkNotice state={state} />
      {offer === 'unlink' && (
        <>
          <Body1>{t('teamsLink.isLinked')}</Body1>
          <div>
            <Button disabled={busy} onClick={unlink}>
              {t('teamsLink.unlink')}
            </Button>
          </div>
        </>
      )}
      {offer === 'link' && teamsHost && (
        <>
          <Body1>{t('teamsLink.notLinked')}</Body1>
          <div>
            <Button appearance="primary" disabled={busy} onClick={() => link(teamsHost)}>
              {t('teamsLink.link')}
            </Button>
          </div>
        </>
      )}
      {offer === 'turn-on-totp' && <Body1>{t('teamsLink.needsTotp')}</Body1>}
      {offer === 'open-in-teams' && <Body1>{t('teamsLink.openInTeams')}</Body1>}
    </Panel>
  );
};

import { Button } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ApiClient } from './api-client.ts';
import { AppShell } from './app-shell.tsx';
import { ConfigureView } from './configure-view.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { LoadingView } from './loading-view.tsx';
import type { Route } from './routes.ts';
import { SessionProvider } from './session-context.tsx';
import type { SessionHolder } from './session-holder.ts';
import { TeamsLinkNotice } from './teams-link-notice.tsx';
import { useApiData } from './use-api-data.ts';
import type { TeamsConnection } from './use-teams-host.ts';
import { useTeamsLink } from './use-teams-link.ts';

export interface SignedInAppProps {
  readonly api: ApiClient;
  readonly holder: SessionHolder;
  readonly teams: TeamsConnection;
  readonly teamsRoute: Route | undefined;
  readonly configuring: boolean;
  /** Teams SSO found no linked account and the person signed in with password and code: link it now. */
  readonly linkTeams: boolean;
  /** Called as the linking starts, so that it happens once. */
  readonly onLinkTeamsStarted: () => void;
}

/** Who is signed in (GET /auth/me), then the admin's views, or a channel tab's configuration page. */
export const SignedInApp = (props: SignedInAppProps) => {
  const { t } = useI18n();
  const { api, holder, teams, linkTeams, onLinkTeamsStarted } = props;
  const me = useApiData(useCallback(() => api.auth.me(), [api]));
  const teamsHost = teams.status === 'ready' ? teams.host : undefined;
  const teamsLink = useTeamsLink(api, me.reload);
  const { link } = teamsLink;
  // React runs effects twice in development; the link request goes out once.
  const linkStarted = useRef(false);
  useEffect(() => {
    if (!linkTeams || !teamsHost || linkStarted.current) return;
    linkStarted.current = true;
    onLinkTeamsStarted();
    void link(teamsHost);
  }, [linkTeams, teamsHost, onLinkTeamsStarted, link]);
  const signOut = useCallback(() => {
    // The session ends here whatever the server says; the token is forgotten either way.
    api.auth.logout().catch(() => undefined);
    // Whoever signs in next starts at the first view, not at the one this user was looking at.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    holder.clear();
  }, [api, holder]);
  const session = useMemo(
    () => (me.data ? { api, me: me.data, reloadMe: me.reload, signOut, teamsHost } : undefined),
    [api, me.data, me.reload, signOut, teamsHost],
  );
  if (!session) {
    if (me.loading) return <LoadingView label={t('common.loading')} />;
    return (
      <main>
        <ErrorBar error={me.error} />
        <Button onClick={signOut}>{t('shell.signOut')}</Button>
      </main>
    );
  }
  return (
    <SessionProvider value={session}>
      {props.configuring && teams.status === 'ready' ? (
        <ConfigureView host={teams.host} />
      ) : (
        <AppShell teamsRoute={props.teamsRoute} notice={<TeamsLinkNotice state={teamsLink.state} />} />
      )}
    </SessionProvider>
  );
};

import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { createApiClient } from './api-client.ts';
import type { BootInput } from './boot-input.ts';
import { I18nProvider } from './i18n-context.tsx';
import type { Route } from './routes.ts';
import { createSessionHolder } from './session-holder.ts';
import { SignedInLoader } from './signed-in-loader.tsx';
import { SignedOutView } from './signed-out-view.tsx';
import { useFluentTheme } from './use-fluent-theme.ts';
import { useLanguage } from './use-language.ts';
import { useTeamsHost } from './use-teams-host.ts';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
});

export interface AppProps {
  /** Decided synchronously at start (in-teams.ts). */
  readonly inTeams: boolean;
  /** Where Teams opened the tab (/teams/now, /teams/roster), used when the URL has no #route. */
  readonly teamsRoute: Route | undefined;
  /** The channel tab's configuration page (/teams/configure). */
  readonly configuring: boolean;
  /** Typed into the static sign-in form of index.html before the app loaded. */
  readonly bootInput: BootInput;
}

/** Theme, language and session: the signed-in admin, or the sign-in (SSO inside Teams). */
export const App = (props: AppProps) => {
  const styles = useStyles();
  const teams = useTeamsHost(props.inTeams);
  const theme = useFluentTheme(teams);
  const [language, setLanguage] = useLanguage(teams);
  const holder = useMemo(createSessionHolder, []);
  const token = useSyncExternalStore(holder.subscribe, holder.token);
  const api = useMemo(
    () => createApiClient({ token: holder.token, onUnauthenticated: holder.clear }),
    [holder],
  );
  // Handed from the sign-in to the signed-in views, which link the Teams account with the new session.
  const [linkTeams, setLinkTeams] = useState(false);
  const wantTeamsLink = useCallback(() => setLinkTeams(true), []);
  const teamsLinkStarted = useCallback(() => setLinkTeams(false), []);
  return (
    <FluentProvider theme={theme} className={styles.root}>
      <I18nProvider language={language} setLanguage={setLanguage}>
        {token ? (
          <SignedInLoader
            api={api}
            holder={holder}
            teams={teams}
            teamsRoute={props.teamsRoute}
            configuring={props.configuring}
            linkTeams={linkTeams}
            onLinkTeamsStarted={teamsLinkStarted}
          />
        ) : (
          <SignedOutView
            api={api}
            holder={holder}
            teams={teams}
            bootInput={props.bootInput}
            onTeamsLinkWanted={wantTeamsLink}
          />
        )}
      </I18nProvider>
    </FluentProvider>
  );
};

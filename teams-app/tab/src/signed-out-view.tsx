import type { ApiClient } from './api-client.ts';
import type { BootInput } from './boot-input.ts';
import { useI18n } from './i18n-context.tsx';
import { LoadingView } from './loading-view.tsx';
import type { SessionHolder } from './session-holder.ts';
import { SignInView } from './sign-in-view.tsx';
import { TeamsSignIn } from './teams-sign-in.tsx';
import type { TeamsConnection } from './use-teams-host.ts';

/** Not signed in: Teams SSO inside Teams, the password form everywhere else (and when SSO fails). */
export const SignedOutView = (props: {
  readonly api: ApiClient;
  readonly holder: SessionHolder;
  readonly teams: TeamsConnection;
  readonly bootInput: BootInput;
  /** Teams SSO found no linked account, and the person signed in with password and code instead. */
  readonly onTeamsLinkWanted: () => void;
}) => {
  const { t } = useI18n();
  const { teams } = props;
  if (teams.status === 'connecting') return <LoadingView label={t('teams.connecting')} />;
  if (teams.status === 'ready')
    return (
      <TeamsSignIn
        api={props.api}
        holder={props.holder}
        host={teams.host}
        onLinkWanted={props.onTeamsLinkWanted}
      />
    );
  return <SignInView api={props.api} holder={props.holder} bootInput={props.bootInput} />;
};

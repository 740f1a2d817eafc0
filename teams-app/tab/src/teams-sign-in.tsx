import { useEffect, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { isApiError } from './api-error.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { linkFixesSsoFailure } from './link-teams-account.ts';
import { LoadingView } from './loading-view.tsx';
import { NoticeBar } from './notice-bar.tsx';
import type { SessionHolder } from './session-holder.ts';
import { SignInView } from './sign-in-view.tsx';
import type { TeamsHost } from './teams-host.ts';

/**
 * Inside Teams: single sign-on with the Teams account; if that fails, the password form with the reason.
 * When no account was linked to the Teams account, signing in with password and code asks for the link.
 */
export const TeamsSignIn = (props: {
  readonly api: ApiClient;
  readonly holder: SessionHolder;
  readonly host: TeamsHost;
  readonly onLinkWanted: () => void;
}) => {
  const { t } = useI18n();
  const { api, holder, host } = props;
  const [failure, setFailure] = useState<{ error: unknown } | undefined>();
  useEffect(() => {
    let cancelled = false;
    host
      .getAuthToken()
      .then((token) => api.auth.teams(token))
      .then(
        ({ session }) => {
          if (!cancelled && session.token) holder.set(session.token);
        },
        (error: unknown) => {
          if (!cancelled) setFailure({ error });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [api, holder, host]);
  if (!failure) return <LoadingView label={t('teams.signingIn')} />;
  // TeamsJS rejects with bare strings; the API with its own explanation (e.g. no linked account).
  const notice = isApiError(failure.error) ? (
    <ErrorBar error={failure.error} />
  ) : (
    <NoticeBar intent="warning">{t('teams.ssoFailed')}</NoticeBar>
  );
  return (
    <SignInView
      api={api}
      holder={holder}
      notice={notice}
      onCodeSignIn={linkFixesSsoFailure(failure.error) ? props.onLinkWanted : undefined}
    />
  );
};

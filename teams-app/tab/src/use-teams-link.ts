import { useCallback, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { linkTeamsAccount } from './link-teams-account.ts';
import type { TeamsHost } from './teams-host.ts';

export type TeamsLinkAction = 'link' | 'unlink';

export type TeamsLinkState =
  | { readonly status: 'idle' }
  | { readonly status: 'busy'; readonly action: TeamsLinkAction }
  | { readonly status: 'done'; readonly action: TeamsLinkAction }
  | { readonly status: 'failed'; readonly action: TeamsLinkAction; readonly error: unknown };

export interface TeamsLink {
  readonly state: TeamsLinkState;
  /** Needs the Teams host for a fresh SSO token. A failure is kept in `state`, never thrown. */
  readonly link: (host: TeamsHost) => Promise<void>;
  readonly unlink: () => Promise<void>;
}

/** Links or unlinks the Microsoft account of Teams SSO; `changed` runs after either succeeded. */
export const useTeamsLink = (api: ApiClient, changed: () => void): TeamsLink => {
  const [state, setState] = useState<TeamsLinkState>({ status: 'idle' });
  const run = useCallback(
    async (action: TeamsLinkAction, perform: () => Promise<void>) => {
      setState({ status: 'busy', action });
      try {
        await perform();
        setState({ status: 'done', action });
        changed();
      } catch (error) {
        setState({ status: 'failed', action, error });
      }
    },
    [changed],
  );
  const link = useCallback(
    (host: TeamsHost) => run('link', () => linkTeamsAccount(host, api.auth)),
    [api, run],
  );
  const unlink = useCallback(() => run('unlink', () => api.auth.unlinkTeams()), [api, run]);
  return { state, link, unlink };
};

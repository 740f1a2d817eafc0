import { useEffect, useState } from 'react';
import { connectTeams, type TeamsHost } from './teams-host.ts';

export type TeamsConnection =
  | { readonly status: 'off' }
  | { readonly status: 'connecting' }
  | { readonly status: 'ready'; readonly host: TeamsHost }
  | { readonly status: 'failed' };

/** Should the host hints deceive, the sign-in form still appears after this long. */
const connectTimeoutMs = 8000;

/** Connects to Teams when the page runs inside it; outside Teams the status is 'off' from the start. */
export const useTeamsHost = (inTeams: boolean): TeamsConnection => {
  const [connection, setConnection] = useState<TeamsConnection>(
    inTeams ? { status: 'connecting' } : { status: 'off' },
  );
  useEffect(() => {
    if (!inTeams) return;
    let settled = false;
    const timer = setTimeout(() => {
      if (!settled) setConnection({ status: 'failed' });
      settled = true;
    }, connectTimeoutMs);
    connectTeams().then(
      (host) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        setConnection({ status: 'ready', host });
      },
      () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        setConnection({ status: 'failed' });
      },
    );
    return () => clearTimeout(timer);
  }, [inTeams]);
  return connection;
};

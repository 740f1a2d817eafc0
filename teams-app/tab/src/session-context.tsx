import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api-client.ts';
import type { Me } from './api-schemas.ts';
import type { TeamsHost } from './teams-host.ts';

export interface SessionContextValue {
  readonly api: ApiClient;
  readonly me: Me;
  readonly reloadMe: () => void;
  readonly signOut: () => void;
  /** Set inside Teams once TeamsJS is connected. */
  readonly teamsHost: TeamsHost | undefined;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export const SessionProvider = (props: {
  readonly value: SessionContextValue;
  readonly children: ReactNode;
}) => <SessionContext.Provider value={props.value}>{props.children}</SessionContext.Provider>;

export const useSession = (): SessionContextValue => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
};

import { storedSession } from './stored-session.ts';

export interface SessionHolder {
  readonly token: () => string | undefined;
  readonly set: (token: string) => void;
  readonly clear: () => void;
  /** For useSyncExternalStore: called whenever the token changes. */
  readonly subscribe: (listener: () => void) => () => void;
}

/** The signed-in session's bearer token: in memory, mirrored to sessionStorage so a reload keeps it. */
export const createSessionHolder = (): SessionHolder => {
  let current = storedSession.load();
  const listeners = new Set<() => void>();
  const change = (token: string | undefined) => {
    current = token;
    if (token) storedSession.save(token);
    else storedSession.clear();
    for (const listener of listeners) listener();
  };
  return {
    token: () => current,
    set: (token) => change(token),
    clear: () => change(undefined),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

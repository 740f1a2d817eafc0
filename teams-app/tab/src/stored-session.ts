// The bearer token lives in sessionStorage: it survives a reload of the tab but not closing it, and no
// other tab or site can read it. Nothing else of the session is kept.
const storageKey = 'wygc.session-token';

const storage = (): Storage | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage can be refused inside a frame (third-party storage blocked): then memory only.
    return undefined;
  }
};

export const storedSession = {
  load: (): string | undefined => storage()?.getItem(storageKey) ?? undefined,
  save: (token: string): void => storage()?.setItem(storageKey, token),
  clear: (): void => storage()?.removeItem(storageKey),
};

/** What the tab uses of Teams once TeamsJS is initialised. */
export interface TeamsHost {
  /** "en-us", "nl-nl", ... */
  readonly locale: string;
  /** "default", "dark" or "contrast". */
  readonly theme: string;
  /** "settings" while a channel tab is being configured. */
  readonly frameContext: string;
  readonly onThemeChange: (handler: (theme: string) => void) => void;
  /** The Entra SSO token for this app, for POST /auth/teams. */
  readonly getAuthToken: () => Promise<string>;
  /** Channel tab configuration: which number's roster the tab shows. */
  readonly saveTabConfig: (tab: { contentUrl: string; entityId: string; displayName: string }) => void;
  readonly setConfigValid: (valid: boolean) => void;
}

/**
 * Initialises TeamsJS. Loaded on demand: a browser outside Teams never downloads it, and inside Teams
 * it is only called once the page knows it is framed by Teams (in-teams.ts), since TeamsJS answers
 * anywhere else only by timing out.
 */
export const connectTeams = async (): Promise<TeamsHost> => {
  const { app, authentication, pages } = await import('@microsoft/teams-js');
  await app.initialize();
  const context = await app.getContext();
  app.notifySuccess();
  let pendingConfig: { contentUrl: string; entityId: string; displayName: string } | undefined;
  if (context.page.frameContext === 'settings') {
    pages.config.registerOnSaveHandler((saveEvent) => {
      if (!pendingConfig) return saveEvent.notifyFailure('Pick a number first.');
      const { contentUrl, entityId, displayName } = pendingConfig;
      pages.config
        .setConfig({ contentUrl, entityId, suggestedDisplayName: displayName, websiteUrl: contentUrl })
        .then(
          () => saveEvent.notifySuccess(),
          () => saveEvent.notifyFailure('Could not save the tab.'),
        );
    });
  }
  return {
    locale: context.app.locale,
    theme: context.app.theme ?? 'default',
    frameContext: context.page.frameContext ?? 'content',
    onThemeChange: (handler) => app.registerOnThemeChangeHandler(handler),
    getAuthToken: () => authentication.getAuthToken(),
    saveTabConfig: (tab) => {
      pendingConfig = tab;
    },
    setConfigValid: (valid) => pages.config.setValidityState(valid),
  };
};

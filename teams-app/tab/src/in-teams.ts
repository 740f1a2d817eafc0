/** What the page can see synchronously about where it runs, read once at start. */
export interface HostHints {
  /** True when the page is inside a frame (window.parent !== window). */
  readonly framed: boolean;
  readonly url: URL;
  /** window.location.ancestorOrigins where the browser has it (Chromium, WebView2, Safari). */
  readonly ancestorOrigins: readonly string[];
  readonly userAgent: string;
}

/** The hosts the server's CSP lets frame the tab (functions/src/security-headers.ts). */
const teamsHostPattern =
  /^https:\/\/([a-z0-9-]+\.)*(teams\.microsoft\.com|teams\.microsoft\.us|skype\.com|office\.com|office365\.com|cloud\.microsoft)$/i;

/** Teams' mobile apps show tabs in a web view, not a frame; their user agent says so. */
const teamsMobileAgent = /\bTeams\/\d/;

/** The manifest's content URLs all live under /teams/ (teams-app/appPackage/manifest.json). */
export const teamsPathPrefix = '/teams/';

export const readHostHints = (win: Window): HostHints => {
  let framed: boolean;
  try {
    framed = win.parent !== win;
  } catch {
    // A cross-origin parent can make even this comparison throw in old engines: then we are framed.
    framed = true;
  }
  return {
    framed,
    url: new URL(win.location.href),
    ancestorOrigins: win.location.ancestorOrigins ? [...win.location.ancestorOrigins] : [],
    userAgent: win.navigator.userAgent,
  };
};

/**
 * Decides at once, without TeamsJS, whether the page runs inside Teams: TeamsJS only tells by timing
 * out, and a browser user must see the sign-in form immediately. Inside Teams means embedded (a frame,
 * or Teams' mobile web view) and a Teams hint: a content URL of the manifest, `?inTeams=1`, or a Teams
 * host among the frame's ancestors.
 */
export const isInTeams = (hints: HostHints): boolean => {
  const embedded = hints.framed || teamsMobileAgent.test(hints.userAgent);
  if (!embedded) return false;
  return (
    hints.url.pathname.startsWith(teamsPathPrefix) ||
    hints.url.searchParams.get('inTeams') === '1' ||
    hints.ancestorOrigins.some((origin) => teamsHostPattern.test(origin))
  );
};

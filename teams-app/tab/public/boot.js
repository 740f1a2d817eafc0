// Runs before the first paint (a classic script in <head>: the CSP allows scripts from files only).
// The page's HTML already holds a plain sign-in form, so a browser shows it at once, long before the
// app's JavaScript has loaded; this script hides it where it does not belong: inside Teams (SSO signs
// in there) and when a session is already open. The rule for "inside Teams" is the app's, in
// src/in-teams.ts; src/boot-script.test.ts checks that both agree. It also picks the form's language
// like src/language.ts.
(() => {
  const root = document.documentElement;
  const teamsHost =
    /^https:\/\/([a-z0-9-]+\.)*(teams\.microsoft\.com|teams\.microsoft\.us|skype\.com|office\.com|office365\.com|cloud\.microsoft)$/i;
  let framed = true;
  try {
    framed = window.parent !== window;
  } catch {
    // A cross-origin parent that refuses even the comparison: framed.
  }
  const url = new URL(window.location.href);
  const ancestors = window.location.ancestorOrigins ? Array.from(window.location.ancestorOrigins) : [];
  const embedded = framed || /\bTeams\/\d/.test(navigator.userAgent);
  const inTeams =
    embedded &&
    (url.pathname.startsWith('/teams/') ||
      url.searchParams.get('inTeams') === '1' ||
      ancestors.some((origin) => teamsHost.test(origin)));
  const stored = (storage, key) => {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  };
  if (inTeams) root.classList.add('wygc-teams');
  if (stored(window.sessionStorage, 'wygc.session-token')) root.classList.add('wygc-session');
  const locales = [stored(window.localStorage, 'wygc.language'), ...(navigator.languages || [])];
  const language = locales
    .map((locale) => (locale || '').trim().toLowerCase().split(/[-_]/)[0])
    .find((base) => base === 'en' || base === 'nl');
  if (language === 'nl') root.classList.add('wygc-nl');
  root.lang = language || 'en';
})();

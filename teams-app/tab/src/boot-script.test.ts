import { describe, expect, it } from 'vitest';
import bootScript from '../public/boot.js?raw';
import { type HostHints, isInTeams } from './in-teams.ts';

interface BootResult {
  readonly classes: readonly string[];
  readonly lang: string;
}

/** Runs index.html's pre-paint script against a made-up window, as the browser would. */
const runBoot = (
  hints: HostHints,
  storage: { session?: Record<string, string>; local?: Record<string, string> } = {},
  languages: readonly string[] = ['en-GB'],
): BootResult => {
  const classes: string[] = [];
  const documentElement = { lang: '', classList: { add: (name: string) => classes.push(name) } };
  const storageOf = (values: Record<string, string> = {}) => ({
    getItem: (key: string) => values[key] ?? null,
  });
  const self = {};
  const window = {
    parent: hints.framed ? {} : self,
    location: { href: hints.url.toString(), ancestorOrigins: hints.ancestorOrigins },
    sessionStorage: storageOf(storage.session),
    localStorage: storageOf(storage.local),
  };
  Object.assign(self, window);
  const run = new Function('window', 'document', 'navigator', bootScript);
  run(
    hints.framed ? window : Object.assign(self, { parent: self }),
    { documentElement },
    {
      userAgent: hints.userAgent,
      languages,
    },
  );
  return { classes, lang: documentElement.lang };
};

const cases: HostHints[] = [
  { framed: false, url: new URL('https://h/'), ancestorOrigins: [], userAgent: 'Chrome' },
  { framed: false, url: new URL('https://h/teams/now?inTeams=1'), ancestorOrigins: [], userAgent: 'Chrome' },
  { framed: true, url: new URL('https://h/teams/roster'), ancestorOrigins: [], userAgent: 'Chrome' },
  { framed: true, url: new URL('https://h/?inTeams=1'), ancestorOrigins: [], userAgent: 'Chrome' },
  {
    framed: true,
    url: new URL('https://h/'),
    ancestorOrigins: ['https://teams.microsoft.com'],
    userAgent: 'Chrome',
  },
  {
    framed: true,
    url: new URL('https://h/'),
    ancestorOrigins: ['https://evil.example'],
    userAgent: 'Chrome',
  },
  {
    framed: false,
    url: new URL('https://h/teams/now'),
    ancestorOrigins: [],
    userAgent: 'Mozilla/5.0 Teams/1416/1.0',
  },
];

describe('public/boot.js', () => {
  it.each(cases)('agrees with isInTeams (%#)', (hints) => {
    expect(runBoot(hints).classes.includes('wygc-teams')).toBe(isInTeams(hints));
  });

  it('hides the static sign-in form when a session is open', () => {
    const hints = cases[0] as HostHints;
    expect(runBoot(hints, { session: { 'wygc.session-token': 't' } }).classes).toContain('wygc-session');
    expect(runBoot(hints).classes).not.toContain('wygc-session');
  });

  it('shows the static form in Dutch for Dutch users, by choice or by browser', () => {
    const hints = cases[0] as HostHints;
    expect(runBoot(hints, {}, ['nl-NL'])).toEqual({ classes: ['wygc-nl'], lang: 'nl' });
    expect(runBoot(hints, { local: { 'wygc.language': 'en' } }, ['nl-NL']).lang).toBe('en');
    expect(runBoot(hints, {}, ['de-DE']).lang).toBe('en');
  });
});

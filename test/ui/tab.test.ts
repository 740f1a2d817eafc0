import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminApi } from './support/admin-api.ts';
import { type Chromium, chromiumPath, hasChromium, launchChromium } from './support/chromium.ts';
import { htmlSubject, type IcsFeedServer, startIcsFeedServer } from './support/ics-feed-server.ts';
import { startUiServer, type UiServer } from './support/start-ui-server.ts';
import { createTestEntra } from './support/test-entra.ts';
import { totpCode } from './support/totp-code.ts';

// The Teams tab / web admin, built with Vite, served by the real server (SQLite) and driven in Debian's
// Chromium. The server's clock stands at Friday 26 March 2027 10:00 in Amsterdam, so the example
// calendar's Easter and DST weekend (26–29 March 2027) lies inside the routing horizon.

const repository = fileURLToPath(new URL('../..', import.meta.url));
const distIndex = `${repository}teams-app/dist/index.html`;
const screenshotDir = `${repository}test-results/ui`;
const serverNow = Date.parse('2027-03-26T10:00:00+01:00');
const owner = {
  organisation: 'Storingsdienst Groningen',
  email: 'beheer@example.nl',
  password: 'correct horse battery staple',
};
const member = { email: 'dienst@example.nl', password: 'member horse battery staple' };

/** Example contacts (examples/contacts.csv) but EM, which the test adds through the UI. */
const apiContacts = [
  { key: 'JD', phone: '06 4123 8765', description: 'Jan de Vries' },
  { key: 'PK', phone: '06 2874 1190', description: 'Pieter Kramer' },
  { key: 'SB', phone: '06 5530 2147', description: 'Sanne Bakker' },
  { key: 'TV', phone: '06 3817 5526', description: 'Thijs Visser' },
  { key: 'MK', phone: '050 311 2233', description: 'Meldkamer Groningen (kantoor)' },
];

/**
 * A stand-in for the Teams client that speaks as much of TeamsJS's postMessage protocol as the tab
 * uses (initialize, getContext, getAuthToken, which gets `token`, and a channel tab's configuration),
 * and lists what it was asked in window.teamsRequests (names) and window.teamsMessages (with their
 * arguments). It frames `page` (the manifest's content URL unless configuring), like the silent
 * stand-in below; window.saveTab() is the user pressing Save in Teams' configuration dialog.
 */
const speakingTeamsHost = (
  token: string,
  { page = '/teams/now', frameContext = 'content' }: { page?: string; frameContext?: string } = {},
) => `<!doctype html><title>Teams stand-in</title>
<script>
  window.teamsRequests = [];
  window.teamsMessages = [];
  const runtime = JSON.stringify({ apiVersion: 4, supports: { authentication: {}, pages: { config: {} } } });
  const answers = {
    initialize: () => [${JSON.stringify(frameContext)}, 'web', runtime, '2.58.0'],
    getContext: () => [{ locale: 'en-gb', theme: 'default', frameContext: ${JSON.stringify(frameContext)}, entityId: 'now' }],
    'authentication.getAuthToken': () => [true, ${JSON.stringify(token)}],
    'settings.setSettings': () => [true],
  };
  window.addEventListener('message', (event) => {
    const { id, uuidAsString, func, args } = event.data || {};
    if (typeof func !== 'string') return;
    window.teamsRequests.push(func);
    window.teamsMessages.push({ func, args });
    const answer = answers[func];
    if (answer) event.source.postMessage({ id, uuidAsString, args: answer() }, event.origin);
  });
  window.saveTab = () =>
    document.querySelector('iframe').contentWindow.postMessage({ func: 'settings.save', args: [{}] }, location.origin);
</script>
<iframe src="${page}" width="1000" height="700"></iframe>`;

const available = hasChromium();
if (!available) console.warn(`UI tests skipped: ${chromiumPath} is absent (apt-get install chromium).`);

/** The tab must be built for the server to serve it; CI builds it first (npm run build:tab). */
const ensureBuiltTab = () => {
  if (existsSync(distIndex)) return;
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'teams-app/tab/vite.config.ts'],
    { cwd: repository, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`building the tab failed:\n${build.stdout}\n${build.stderr}`);
};

describe.skipIf(!available)('the tab in Chromium against the real server', () => {
  let server: UiServer;
  let feed: IcsFeedServer;
  let browser: Chromium;
  let page: Page;
  let totpSecret: string;
  /** When the code of the last password and code sign-in was for: the server accepts each step once. */
  let signedInCodeAt = 0;
  const entra = createTestEntra();
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  const screenshots: string[] = [];

  const shoot = async (name: string, target: Page = page) => {
    const file = `${screenshotDir}/${name}.png`;
    await target.screenshot({ path: file, fullPage: true });
    screenshots.push(`${name}.png`);
  };

  const openView = async (linkName: string, heading: string) => {
    await page.getByRole('navigation').getByRole('link', { name: linkName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  const rowText = async (period: string): Promise<string> => {
    const row = page.getByRole('row').filter({ hasText: period }).first();
    await row.waitFor();
    return (await row.textContent()) ?? '';
  };

  beforeAll(async () => {
    ensureBuiltTab();
    await mkdir(screenshotDir, { recursive: true });
    [server, feed, browser] = await Promise.all([
      startUiServer({ now: serverNow, env: entra.serverEnv }),
      startIcsFeedServer(),
      launchChromium(),
    ]);
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.stop(), feed?.close()]);
    if (screenshots.length > 0) console.info(`UI screenshots in test-results/ui: ${screenshots.join(', ')}`);
  });

  it('shows the sign-in form within 1 s of navigation outside Teams', async () => {
    // Warm-ups that a user's visit does not pay for: the server's first request (lazy imports) and the
    // browser's first navigation (renderer and network processes). The tab's files stay uncached.
    await fetch(`${server.base}/`);
    await page.goto(`${server.base}/healthz`);
    await page.goto(server.base, { waitUntil: 'commit' });
    // Both checked every frame in the page; performance.now() counts from the start of the navigation.
    // The form is in index.html and visible at the first paint; the app takes it over once loaded.
    const firstSeen = (selector: string) =>
      page.evaluate(`new Promise((resolve) => {
        const check = () => {
          const element = document.querySelector(${JSON.stringify(selector)});
          if (element && element.checkVisibility()) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      })`) as Promise<number>;
    const [visible, usable] = await Promise.all([
      firstSeen('form input[type=email]'),
      firstSeen('form button[type=submit]:enabled'),
    ]);
    console.info(
      `sign-in form visible after ${Math.round(visible)} ms, usable after ${Math.round(usable)} ms`,
    );
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(1000);
    await page.getByRole('form', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).waitFor();
    await shoot('sign-in');
  });

  it('sets up the organisation on the first visit', async () => {
    await page.getByRole('button', { name: 'First visit? Set up your organisation' }).click();
    const form = page.getByRole('form', { name: 'Set up your organisation' });
    await form.getByRole('textbox', { name: /Organisation name/ }).fill(owner.organisation);
    await form.getByRole('textbox', { name: /Email/ }).fill(owner.email);
    await form.getByRole('textbox', { name: /Password/ }).fill(owner.password);
    await shoot('setup');
    await form.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Now' }).waitFor();
    await page.getByText('There are no numbers yet.').waitFor();

    // The example's contacts arrive through the API, but one that the test adds in the UI.
    const api = createAdminApi(server.base);
    await api.login(owner.email, owner.password);
    for (const contact of apiContacts) await api.createContact(contact);
  });

  it('turns on two-step sign-in with the QR code of the Account view', async () => {
    await openView('Account', 'Account');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    await shoot('totp-enrolment');
    const secret = (await page.getByText('Secret:').textContent())?.replace('Secret:', '').trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    totpSecret = secret;
    const form = page.getByRole('form', { name: 'Two-step sign-in' });
    await form
      .getByRole('textbox', { name: /Code from your authenticator app/ })
      .fill(await totpCode(secret, Date.now() + server.clockOffsetMs));
    await form.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('status').filter({ hasText: 'Two-step sign-in is on.' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
  });

  it('signs in with password and authenticator code', async () => {
    await page.getByRole('textbox', { name: /Email/ }).fill(owner.email);
    await page.getByRole('textbox', { name: /Password/ }).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByRole('textbox', { name: /Code from your authenticator app/ });
    await code.waitFor();
    await shoot('sign-in-code');
    // The code used to turn TOTP on cannot be used again: the next 30-second step's code, which the
    // server accepts as clock drift.
    signedInCodeAt = Date.now() + server.clockOffsetMs + 30_000;
    await code.fill(await totpCode(totpSecret, signedInCodeAt));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { level: 1, name: 'Now' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain(owner.organisation);
  });

  it('adds a contact, with the API’s phone and key validation beside the fields', async () => {
    await openView('Contacts', 'Contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const form = page.getByRole('form', { name: 'New contact' });
    await form.getByRole('textbox', { name: /Key/ }).fill('JD');
    await form.getByRole('textbox', { name: /Phone number/ }).fill('06 1962 4408');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Another contact already has this key.').waitFor();

    await form.getByRole('textbox', { name: /Key/ }).fill('EM');
    await form.getByRole('textbox', { name: /Phone number/ }).fill('12');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('This is not a valid phone number.', { exact: false }).waitFor();
    await shoot('contacts-validation');

    await form.getByRole('textbox', { name: /Phone number/ }).fill('06 1962 4408');
    await form.getByRole('textbox', { name: /Description/ }).fill('Eva Mulder');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Contact EM is saved.' }).waitFor();
    // Stored in E.164 whatever the notation typed.
    expect(await rowText('Eva Mulder')).toContain('+31619624408');
    await shoot('contacts');
  });

  it('connects the example calendar by its ICS address and syncs it', async () => {
    await openView('Calendars', 'Calendars');
    const form = page.getByRole('form', { name: 'Connect a calendar by address' });
    await form.getByRole('textbox', { name: /Address \(URL\)/ }).fill(feed.url);
    await form.getByRole('textbox', { name: /^Name/ }).fill('Storingsdienst');
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status').filter({ hasText: 'Calendar Storingsdienst is connected' }).waitFor();
    await page.getByRole('button', { name: 'Sync Storingsdienst now' }).click();
    await page.getByRole('status').filter({ hasText: 'Storingsdienst is synced' }).waitFor();
    expect(await rowText(feed.url)).toMatch(/changed/);
    await shoot('calendars');
  });

  it('creates a number fed by that calendar, with MK as the fallback', async () => {
    await openView('Numbers', 'Numbers');
    await page.getByRole('button', { name: 'Add number' }).click();
    const form = page.getByRole('form', { name: 'New number' });
    await form.getByRole('textbox', { name: /Phone number/ }).fill('050 700 0000');
    await form.getByRole('textbox', { name: /^Name/ }).fill('Storingsdienst');
    await form.getByRole('checkbox', { name: 'Storingsdienst' }).check();
    await form.getByRole('textbox', { name: /Fallback/ }).fill('MK');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Number Storingsdienst is saved.' }).waitFor();
    expect(await rowText('+31507000000')).toContain('Layered');
    await shoot('numbers');
  });

  it('shows the roster of the Easter and DST weekend with the right people', async () => {
    await openView('Roster', 'Roster');
    await page.getByLabel('First day').fill('2027-03-26');
    await page.getByRole('heading', { name: 'Shifts and gaps' }).waitFor();
    expect(await rowText('Fri 26 Mar 08:00 – 17:00')).toContain('MK (Meldkamer Groningen (kantoor))');
    expect(await rowText('Sat 27 Mar 10:00 – 14:00')).toContain('PK (Pieter Kramer) → JD (Jan de Vries)');
    // Easter Sunday is an all-day event: local midnight to midnight, 23 hours on the day clocks go forward.
    expect(await rowText('Sun 28 Mar 00:00 – Mon 29 Mar 00:00')).toContain(
      'EM (Eva Mulder) → JD (Jan de Vries)',
    );
    expect(await rowText('Mon 29 Mar 08:00 – 17:00')).toContain(
      'JD (Jan de Vries) together with PK (Pieter Kramer)',
    );
    // PK is off on Wednesday 31 March and the replacement's subject has a typo: a gap, and a reason.
    expect(await rowText('Wed 31 Mar 17:00 – Thu 1 Apr 08:00')).toContain(
      'Nobody on duty: the fallback MK (Meldkamer Groningen (kantoor)) rings.',
    );
    const unmatched = page.getByRole('region', { name: /Events that match no contact/ });
    expect(await unmatched.textContent()).toContain('“Storing JDD”');
    expect(await unmatched.textContent()).toContain('JDD');

    await page.getByLabel(/Date and time/).fill('2027-03-28T12:00');
    await page.getByRole('button', { name: 'Show' }).click();
    const answer = page.getByText('At Sun 28 Mar, 12:00 a call rings:');
    await answer.waitFor();
    const items = await page.locator('[aria-live="polite"] li').allTextContents();
    expect(items).toEqual([
      'EM (Eva Mulder)',
      'JD (Jan de Vries)',
      'MK (Meldkamer Groningen (kantoor))fallback',
    ]);
    await shoot('roster');
  });

  it('shows an event subject made of HTML as inert text', async () => {
    const subject = page.getByText(`“${htmlSubject}”`);
    await subject.waitFor();
    expect(await subject.isVisible()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('takes over for 4 hours, visible in the roster and on Now', async () => {
    await openView('Take over', 'Take over');
    await page
      .getByRole('combobox', { name: 'Who takes the calls' })
      .selectOption({ label: 'TV (Thijs Visser)' });
    await page.getByRole('spinbutton', { name: 'Hours' }).fill('4');
    await page.getByRole('form', { name: 'Take over' }).getByRole('button', { name: 'Take over' }).click();
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'TV takes the calls of Storingsdienst until Fri 26 Mar, 14:' });
    await notice.waitFor();
    expect(await rowText('Fri 26 Mar 10:')).toContain('TV');
    await shoot('takeover');

    await notice.getByRole('link', { name: 'Show in the roster' }).click();
    await page.getByRole('heading', { name: 'Shifts and gaps' }).waitFor();
    expect(await rowText('Fri 26 Mar 10:')).toContain(
      'TV (Thijs Visser) → MK (Meldkamer Groningen (kantoor))',
    );

    await openView('Now', 'Now');
    const card = page.getByRole('region', { name: 'Storingsdienst' });
    await card.getByText('Until Fri 26 Mar, 14:').waitFor();
    expect(await card.locator('li').allTextContents()).toEqual([
      'TV (Thijs Visser)',
      'MK (Meldkamer Groningen (kantoor))fallback',
    ]);
    expect(await card.textContent()).toContain('Next: MK, from Fri 26 Mar, 14:');
    await shoot('now');
  });

  it('shows the call log, the audit log, privacy and the account', async () => {
    await openView('Calls', 'Calls');
    await page.getByText('No calls yet.').waitFor();
    await shoot('calls');
    await openView('Audit log', 'Audit log');
    await page.getByRole('row').filter({ hasText: 'routed-number.coverage' }).first().waitFor();
    await shoot('audit');
    await openView('Privacy', 'Privacy');
    await page.getByRole('region', { name: 'End the contract' }).waitFor();
    await shoot('privacy');
    await openView('Account', 'Account');
    await page.getByText('Two-step sign-in is on').waitFor();
    expect(await page.getByRole('table', { name: 'Administrators' }).textContent()).toContain(owner.email);
    await shoot('account');
  });

  it('lets the owner change the organisation’s settings, with the API’s range check beside the field', async () => {
    await openView('Organisation', 'Organisation');
    const form = page.getByRole('form', { name: 'Settings' });
    const ringTime = form.getByRole('spinbutton', { name: /Default ring time per group/ });
    const cdrRetention = form.getByRole('spinbutton', { name: /Call-record retention/ });
    expect(await ringTime.inputValue()).toBe('20');
    expect(await cdrRetention.inputValue()).toBe('90');
    expect(await page.getByRole('region', { name: 'Google Workspace domains' }).textContent()).toContain(
      'None',
    );

    await ringTime.fill('2');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Too small: expected number to be >=5').waitFor();
    expect(await ringTime.getAttribute('aria-invalid')).toBe('true');
    await shoot('organisation-validation');

    await ringTime.fill('25');
    await cdrRetention.fill('30');
    const patch = page.waitForRequest(
      (request) => request.method() === 'PATCH' && request.url().endsWith('/api/v1/organisation'),
    );
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'The organisation’s settings are saved.' }).waitFor();
    expect((await patch).postDataJSON()).toEqual({ settings: { ringSeconds: 25, cdrRetentionDays: 30 } });
    expect(await ringTime.getAttribute('aria-invalid')).toBeNull();
    await shoot('organisation');

    // Opened anew, the view reads the organisation from the server, not from the form's memory. (A page
    // reload would also forget the roster's week, which the tests after this one rely on.)
    await openView('Account', 'Account');
    const reloaded = page.waitForResponse(
      (response) => response.request().method() === 'GET' && response.url().endsWith('/api/v1/organisation'),
    );
    await openView('Organisation', 'Organisation');
    await reloaded;
    expect(await ringTime.inputValue()).toBe('25');
    expect(await cdrRetention.inputValue()).toBe('30');
  });

  it('shows a member the organisation read-only, without a Save button', async () => {
    await openView('Account', 'Account');
    const invite = page.getByRole('form', { name: 'Invite' });
    await invite.getByRole('textbox', { name: /Email/ }).fill(member.email);
    await invite.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'member' });
    await invite.getByRole('button', { name: 'Invite' }).click();
    const invited = await page.getByRole('status').filter({ hasText: 'Invited.' }).textContent();
    const invitationToken = /accept-invitation#token=(\S+)/.exec(invited ?? '')?.[1] ?? '';
    await createAdminApi(server.base).acceptInvitation(decodeURIComponent(invitationToken), member.password);

    // A page of its own: its session lives in that page's sessionStorage, the owner's stays signed in.
    const memberPage = await browser.context.newPage();
    await memberPage.goto(server.base);
    await memberPage.getByRole('textbox', { name: /Email/ }).fill(member.email);
    await memberPage.getByRole('textbox', { name: /Password/ }).fill(member.password);
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    await memberPage.getByRole('heading', { level: 1, name: 'Now' }).waitFor();
    await memberPage.getByRole('navigation').getByRole('link', { name: 'Organisation', exact: true }).click();
    const settings = memberPage.getByRole('region', { name: 'Settings' });
    await settings.getByText('Only an owner of the organisation can change these settings.').waitFor();
    const text = (await settings.textContent()) ?? '';
    expect(text).toContain('Default ring time per group (seconds)25');
    expect(text).toContain('Call-record retention (days)30');
    expect(await memberPage.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await memberPage.getByRole('spinbutton').count()).toBe(0);
    await shoot('organisation-member', memberPage);
    await memberPage.close();
  });

  it('switches to Dutch and follows the system’s dark mode', async () => {
    await openView('Roster', 'Roster');
    await page.getByRole('heading', { name: 'Shifts and gaps' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Rooster' })
      .waitFor();
    await page.getByRole('heading', { name: 'Diensten en gaten' }).waitFor();
    expect(await rowText('za 27 mrt 10:00 – 14:00')).toContain('PK (Pieter Kramer) → JD (Jan de Vries)');
    await shoot('roster-nl');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('roster-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('is usable from the keyboard: the skip link and the navigation', async () => {
    await page.getByRole('button', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
    await page.getByRole('link', { name: 'Now', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Take over' }).waitFor();
  });

  it('inside a Teams frame waits for Teams instead, and signs in by password when Teams never answers', async () => {
    // A stand-in for the Teams client: a page of the same origin (the CSP lets only Teams hosts and the
    // site itself frame the tab) that frames the manifest's content URL but never speaks TeamsJS.
    const host = await browser.context.newPage();
    await host.route(`${server.base}/teams-host-stand-in`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Teams stand-in</title><iframe src="/teams/now" width="1000" height="700"></iframe>',
      }),
    );
    await host.goto(`${server.base}/teams-host-stand-in`);
    const tab = host.frameLocator('iframe');
    await tab.getByText('Connecting to Teams…').waitFor();
    expect(await tab.locator('form input[type=email]').isVisible()).toBe(false);
    // TeamsJS answers only by timing out: the tab gives up on it after a few seconds.
    await tab
      .getByRole('form', { name: 'Sign in' })
      .getByRole('button', { name: 'Sign in' })
      .waitFor({ timeout: 20_000 });
    await host.close();
  }, 30_000);

  it('inside Teams links the Teams account at a password and code sign-in, and signs in by Teams from then on', async () => {
    const oid = '33333333-3333-4333-8333-333333333333';
    const token = entra.token(oid, Date.now() + server.clockOffsetMs);
    const openInTeams = async (options?: Parameters<typeof speakingTeamsHost>[1]) => {
      const host = await browser.context.newPage();
      await host.route(`${server.base}/teams-host-stand-in`, (route) =>
        route.fulfill({ contentType: 'text/html', body: speakingTeamsHost(token, options) }),
      );
      await host.goto(`${server.base}/teams-host-stand-in`);
      return { host, tab: host.frameLocator('iframe') };
    };

    const first = await openInTeams();
    // Nobody linked this Microsoft account yet: the API's reason shows above the password form.
    await first.tab
      .getByRole('alert')
      .filter({ hasText: 'No WhoYouGonnaCall account is linked to this Microsoft account yet' })
      .waitFor();
    await first.tab.getByRole('textbox', { name: /Email/ }).fill(owner.email);
    await first.tab.getByRole('textbox', { name: /Password/ }).fill(owner.password);
    await first.tab.getByRole('button', { name: 'Sign in' }).click();
    const code = first.tab.getByRole('textbox', { name: /Code from your authenticator app/ });
    await code.waitFor();
    // A later step than the sign-in before: wait for one when that was less than 30 seconds ago.
    const stepOf = (ms: number) => Math.floor(ms / 30_000);
    while (stepOf(Date.now() + server.clockOffsetMs + 30_000) <= stepOf(signedInCodeAt)) await delay(1000);
    signedInCodeAt = Date.now() + server.clockOffsetMs + 30_000;
    await code.fill(await totpCode(totpSecret, signedInCodeAt));
    await first.tab.getByRole('button', { name: 'Verify' }).click();
    await first.tab
      .getByRole('status')
      .filter({ hasText: 'Your Teams account is now linked: next time you are signed in automatically.' })
      .waitFor();
    await first.tab.getByRole('heading', { level: 1, name: 'Now' }).waitFor();
    await shoot('teams-linked', first.host);
    // One token to sign in with, a fresh one to link.
    expect(
      await first.host.evaluate(
        "window.teamsRequests.filter((func) => func === 'authentication.getAuthToken').length",
      ),
    ).toBe(2);
    await first.host.close();

    // A channel tab being added: Teams signs in, the tab offers the numbers, and Save in Teams'
    // dialog stores a tab that shows the chosen number's roster.
    const configuring = await openInTeams({ page: '/teams/configure', frameContext: 'settings' });
    await configuring.tab.getByRole('heading', { level: 1, name: 'Roster tab' }).waitFor();
    await configuring.tab.getByRole('combobox').waitFor();
    const teamsMessages = (func: string) =>
      configuring.host.evaluate(
        `window.teamsMessages.filter((message) => message.func === ${JSON.stringify(func)}).map((message) => message.args)`,
      ) as Promise<unknown[][]>;
    await expect.poll(() => teamsMessages('settings.setValidityState')).toContainEqual([true]);
    await configuring.host.evaluate('window.saveTab()');
    await expect.poll(() => teamsMessages('settings.save.success')).toHaveLength(1);
    const [settings] = (await teamsMessages('settings.setSettings'))[0] ?? [];
    expect(settings).toMatchObject({
      entityId: expect.stringMatching(/^roster-/),
      suggestedDisplayName: 'Storingsdienst',
      contentUrl: expect.stringMatching(/\/teams\/roster\?number=/),
    });
    expect(await teamsMessages('settings.save.failure')).toEqual([]);
    await configuring.host.close();

    // A new Teams session: single sign-on signs in at once, no form.
    const second = await openInTeams();
    await second.tab.getByRole('heading', { level: 1, name: 'Now' }).waitFor();
    expect(await second.tab.locator('form input[type=email]').count()).toBe(0);
    await second.tab.getByRole('navigation').getByRole('link', { name: 'Account', exact: true }).click();
    const panel = second.tab.getByRole('region', { name: 'Sign-in with Teams' });
    await panel.getByText('Your Microsoft account is linked: Teams signs you in automatically.').waitFor();
    await panel.getByRole('button', { name: 'Unlink' }).click();
    await panel.getByRole('status').filter({ hasText: 'Your Microsoft account is unlinked' }).waitFor();
    // Linking again needs a session opened with password and code, not one Teams opened: the reason
    // shows and the session stays.
    await panel.getByRole('button', { name: 'Link Microsoft account' }).click();
    await panel.getByRole('alert').filter({ hasText: 'sign in with your password and the code' }).waitFor();
    expect(await second.tab.getByRole('heading', { level: 1, name: 'Account' }).isVisible()).toBe(true);
    await second.host.close();
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain(oid);
  }, 90_000);

  it('runs no inline script and logs no personal data', async () => {
    const html = await readFile(distIndex, 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="/);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(server.output()).not.toContain(owner.email);
    expect(server.output()).not.toContain('+31619624408');
  });
});

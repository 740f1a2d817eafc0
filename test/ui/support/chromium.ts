import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); the tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

export const hasChromium = (): boolean => existsSync(chromiumPath);

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, quiet on the network beyond the pages it is sent to. */
export const launchChromium = async (options: { readonly locale?: string } = {}): Promise<Chromium> => {
  const profile = await mkdtemp(join(tmpdir(), 'wygc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Europe/Amsterdam',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};

// Entry for `npm run package:teams`: reads the configuration (a JSON file given with --config, else the
// WYGC_TEAMS_* environment variables) and writes teams-app/dist/wygc-teams.zip.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTeamsPackage } from './create-teams-package.ts';
import { teamsPackageConfigFrom } from './teams-package-config.ts';

const teamsAppDir = join(import.meta.dirname, '..', '..');
const usage =
  'usage: npm run package:teams -- [--config teams-package.json] [--out dist/wygc-teams.zip]\n' +
  'config fields: appId, botId, clientId, host, version (or WYGC_TEAMS_APP_ID, WYGC_TEAMS_BOT_ID, ' +
  'WYGC_TEAMS_CLIENT_ID, WYGC_TEAMS_HOST, WYGC_TEAMS_APP_VERSION)';

// npm runs workspace scripts inside teams-app; paths on the command line are meant from where it was typed.
const fromCaller = (path: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), path);

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const file = values.config
    ? (JSON.parse(await readFile(fromCaller(values.config), 'utf8')) as unknown)
    : {};
  const config = teamsPackageConfigFrom(process.env, file);
  const teamsPackage = createTeamsPackage({ config, appPackageDir: join(teamsAppDir, 'appPackage') });
  const out = values.out ? fromCaller(values.out) : join(teamsAppDir, 'dist', 'wygc-teams.zip');
  const written = await teamsPackage.writeZip(out);
  process.stdout.write(`${written.file}: ${written.entries.join(', ')}\n`);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(usage);
  process.exitCode = 1;
});

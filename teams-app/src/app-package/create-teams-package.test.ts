import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createTeamsPackage } from './create-teams-package.ts';
import { createTeamsManifestValidator, teamsManifestSchemaVersion } from './teams-manifest-validator.ts';

const appPackageDir = join(import.meta.dirname, '..', '..', 'appPackage');
const config = {
  appId: '0b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  botId: '1b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  clientId: '2b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  host: 'teams.example.com',
  version: '1.4.0',
};

/** The parts of the manifest these tests look at. */
interface ManifestView {
  readonly id: string;
  readonly version: string;
  readonly icons: { readonly color: string; readonly outline: string };
  readonly webApplicationInfo: unknown;
  readonly validDomains: readonly string[];
  readonly staticTabs: readonly { name?: string; scopes: string[]; contentUrl?: string }[];
  readonly configurableTabs: readonly unknown[];
  readonly bots: readonly {
    botId: string;
    scopes: string[];
    commandLists: { commands: { title: string }[] }[];
  }[];
}

const view = (manifest: unknown): ManifestView => manifest as ManifestView;

const readZip = (data: Buffer): Promise<Map<string, Buffer>> =>
  new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });

const pixels = (png: PNG) =>
  Array.from({ length: png.width * png.height }, (_, i) => ({
    r: png.data[i * 4] ?? 0,
    g: png.data[i * 4 + 1] ?? 0,
    b: png.data[i * 4 + 2] ?? 0,
    a: png.data[i * 4 + 3] ?? 0,
  }));

describe('createTeamsPackage', () => {
  let dir: string;
  let validate: Awaited<ReturnType<typeof createTeamsManifestValidator>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-teams-package-'));
    validate = await createTeamsManifestValidator();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`renders a manifest that validates against Microsoft's v${teamsManifestSchemaVersion} schema`, async () => {
    const manifest = await createTeamsPackage({ config, appPackageDir }).manifest();
    expect(validate(manifest)).toEqual({ valid: true, errors: [] });
    expect(manifest.manifestVersion).toBe(teamsManifestSchemaVersion);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${teamsManifestSchemaVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('is refused by the schema when an id is not a GUID, so the validation has teeth', async () => {
    const manifest = await createTeamsPackage({ config, appPackageDir }).manifest();
    const result = validate({ ...manifest, id: 'wygc' });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/^\/id must match pattern/m);
  });

  it('carries the ids and host of the configuration into tabs, bot, SSO and valid domains', async () => {
    const manifest = view(await createTeamsPackage({ config, appPackageDir }).manifest());
    expect(manifest.id).toBe(config.appId);
    expect(manifest.version).toBe('1.4.0');
    expect(manifest.webApplicationInfo).toEqual({
      id: config.clientId,
      resource: `api://teams.example.com/${config.clientId}`,
    });
    expect(manifest.validDomains).toEqual(['teams.example.com']);

    const tabs = manifest.staticTabs.filter((tab) => tab.contentUrl);
    expect(tabs.map((tab) => [tab.name, tab.scopes])).toEqual([
      ['Now', ['personal']],
      ['Roster', ['personal']],
    ]);
    for (const tab of tabs) expect(tab.contentUrl).toMatch(/^https:\/\/teams\.example\.com\/teams\//);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://teams.example.com/teams/configure',
        scopes: ['team'],
      }),
    ]);

    const [bot] = manifest.bots;
    if (!bot) throw new Error('expected the bot');
    expect(bot.botId).toBe(config.botId);
    expect(bot.scopes).toEqual(['personal', 'team']);
    const titles = bot.commandLists.flatMap((list) => list.commands.map((command) => command.title));
    expect(titles).toEqual(['who', 'wie', 'roster', 'rooster', 'take over', 'neem over', 'help']);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
  });

  it('writes a zip with manifest.json and both icons at its root, at the sizes Teams requires', async () => {
    const file = join(dir, 'dist', 'wygc-teams.zip');
    const written = await createTeamsPackage({ config, appPackageDir }).writeZip(file);
    expect(written.entries).toEqual(['manifest.json', 'color.png', 'outline.png']);

    const entries = await readZip(await readFile(file));
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = view(JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}'));
    expect(manifest.id).toBe(config.appId);

    const color = PNG.sync.read(entries.get(manifest.icons.color) as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(pixels(color).every((p) => p.a === 255)).toBe(true);

    const outline = PNG.sync.read(entries.get(manifest.icons.outline) as Buffer);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const outlinePixels = pixels(outline);
    // Transparent background, white foreground: every visible pixel is white, the corners are empty.
    expect(outlinePixels.filter((p) => p.a > 0).every((p) => p.r === 255 && p.g === 255 && p.b === 255)).toBe(
      true,
    );
    expect(outlinePixels.filter((p) => p.a === 255).length).toBeGreaterThan(50);
    expect(outlinePixels.filter((p) => p.a === 0).length).toBeGreaterThan(500);
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(outlinePixels[corner]?.a).toBe(0);
  });

  it('builds the same bytes twice from the same configuration', async () => {
    const teamsPackage = createTeamsPackage({ config, appPackageDir });
    await teamsPackage.writeZip(join(dir, 'a.zip'));
    await teamsPackage.writeZip(join(dir, 'b.zip'));
    expect((await readFile(join(dir, 'a.zip'))).equals(await readFile(join(dir, 'b.zip')))).toBe(true);
  });
});

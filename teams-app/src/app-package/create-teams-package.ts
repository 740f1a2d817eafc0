import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { z } from 'zod';
import { type ManifestJson, renderManifest } from './render-manifest.ts';
import type { TeamsPackageConfig } from './teams-package-config.ts';

export interface TeamsPackageOptions {
  readonly config: TeamsPackageConfig;
  /** The folder with manifest.json (the template) and the icons it names. */
  readonly appPackageDir: string;
}

export interface TeamsPackageFile {
  readonly name: string;
  readonly data: Buffer;
}

export interface TeamsPackage {
  /** The manifest with this installation's ids and host. */
  manifest(): Promise<ManifestJson>;
  /** What goes into the zip: manifest.json and the icons it names, all at the root. */
  files(): Promise<TeamsPackageFile[]>;
  /** Writes the zip that is uploaded to Teams (Apps > Manage your apps > Upload an app). */
  writeZip(file: string): Promise<{ readonly file: string; readonly entries: readonly string[] }>;
}

// Teams reads icons from the package root; a path would point outside the uploaded zip.
const iconName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.png$/, 'icons must be PNG files at the root of the package');
const iconsSchema = z.object({ icons: z.object({ color: iconName, outline: iconName }) });

// A fixed timestamp makes the zip depend on its contents only, so two builds of one config are equal.
const entryTime = new Date('2020-01-01T00:00:00Z');

export const createTeamsPackage = (options: TeamsPackageOptions): TeamsPackage => {
  const manifest = async (): Promise<ManifestJson> => {
    const text = await readFile(join(options.appPackageDir, 'manifest.json'), 'utf8');
    return renderManifest(JSON.parse(text) as unknown, options.config);
  };

  const files = async (): Promise<TeamsPackageFile[]> => {
    const rendered = await manifest();
    const { icons } = iconsSchema.parse(rendered);
    const names = [...new Set([icons.color, icons.outline])];
    const iconFiles = await Promise.all(
      names.map(async (name) => ({
        name,
        data: await readFile(join(options.appPackageDir, basename(name))),
      })),
    );
    return [
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(rendered, null, 2)}\n`, 'utf8') },
      ...iconFiles,
    ];
  };

  const writeZip = async (file: string) => {
    const entries = await files();
    const zip = new ZipFile();
    for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime: entryTime, mode: 0o100644 });
    zip.end();
    await mkdir(dirname(file), { recursive: true });
    await pipeline(zip.outputStream, createWriteStream(file));
    return { file, entries: entries.map((entry) => entry.name) };
  };

  return { manifest, files, writeZip };
};

// Entry for `npm run icons -w teams-app`: renders icons/duty-mark.svg into the committed PNG icons of
// appPackage/. Run it after changing the mark or the accent colour.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { renderIcons } from './render-icons.ts';

const teamsAppDir = join(import.meta.dirname, '..', '..');
const appPackageDir = join(teamsAppDir, 'appPackage');

const manifestSchema = z.object({
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  icons: z.object({ color: z.string(), outline: z.string() }),
});

const main = async (): Promise<void> => {
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(appPackageDir, 'manifest.json'), 'utf8')),
  );
  const markSvg = await readFile(join(teamsAppDir, 'icons', 'duty-mark.svg'), 'utf8');
  const icons = await renderIcons({ markSvg, accentColor: manifest.accentColor });
  await writeFile(join(appPackageDir, manifest.icons.color), icons.color);
  await writeFile(join(appPackageDir, manifest.icons.outline), icons.outline);
  process.stdout.write(`wrote ${manifest.icons.color} and ${manifest.icons.outline}\n`);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});

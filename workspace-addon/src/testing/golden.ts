import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Test support only. Compares card JSON with src/__golden__/<name>.json as JSON values, so that the
 * formatter may lay the files out as it likes. A missing file is written (delete one to regenerate it),
 * except on CI, where a missing golden file is a failure.
 */
export const expectGolden = async (name: string, value: unknown): Promise<void> => {
  const path = fileURLToPath(new URL(`../__golden__/${name}.json`, import.meta.url));
  const stored = await readFile(path, 'utf8').catch(() => undefined);
  if (stored === undefined) {
    if (process.env.CI) throw new Error(`golden file ${name}.json is missing`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  expect(JSON.parse(JSON.stringify(value))).toEqual(JSON.parse(stored));
};

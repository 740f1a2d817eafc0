import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderIcons } from './render-icons.ts';

const markSvg = await readFile(join(import.meta.dirname, '..', '..', 'icons', 'duty-mark.svg'), 'utf8');

describe('renderIcons', () => {
  it('renders a 192x192 opaque colour icon with the accent colour behind the mark', async () => {
    const { color } = await renderIcons({ markSvg, accentColor: '#1F5FA8' });
    const png = PNG.sync.read(color);
    expect([png.width, png.height]).toEqual([192, 192]);
    // The corner is background: exactly the accent colour, opaque.
    expect([...png.data.subarray(0, 4)]).toEqual([0x1f, 0x5f, 0xa8, 255]);
    // The mark is white and sits inside the middle 120 pixels.
    const at = (x: number, y: number) => [...png.data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 3)];
    const whites = [];
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) if (at(x, y).every((v) => v === 255)) whites.push([x, y]);
    }
    expect(whites.length).toBeGreaterThan(1000);
    expect(
      whites.every(
        ([x, y]) => (x as number) >= 36 && (x as number) < 156 && (y as number) >= 36 && (y as number) < 156,
      ),
    ).toBe(true);
  });

  it('renders a 32x32 outline icon that is white on transparent only', async () => {
    const { outline } = await renderIcons({ markSvg, accentColor: '#1F5FA8' });
    const png = PNG.sync.read(outline);
    expect([png.width, png.height]).toEqual([32, 32]);
    for (let i = 0; i < 32 * 32; i++)
      expect([...png.data.subarray(i * 4, i * 4 + 3)]).toEqual([255, 255, 255]);
    expect(png.data[3]).toBe(0);
  });

  it('needs the mark to state its size', async () => {
    await expect(
      renderIcons({ markSvg: '<svg viewBox="0 0 32 32"></svg>', accentColor: '#000000' }),
    ).rejects.toThrow(/width attribute/);
  });
});

import { PNG } from 'pngjs';
import sharp from 'sharp';

export interface RenderedIcons {
  /** 192x192, the mark on an opaque accent-coloured square. */
  readonly color: Buffer;
  /** 32x32, the mark in white on a transparent background. */
  readonly outline: Buffer;
}

export interface RenderIconsOptions {
  /** A square SVG drawn in white on transparent (icons/duty-mark.svg). */
  readonly markSvg: string;
  /** The manifest's accentColor, e.g. "#1F5FA8". */
  readonly accentColor: string;
}

// sharp renders an SVG at 72 dpi per CSS pixel; this density makes the mark come out `pixels` wide.
const densityFor = (pixels: number, svgWidth: number): number => (72 * pixels) / svgWidth;

const markWidth = (svg: string): number => {
  const match = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg);
  if (!match?.[1]) throw new Error('the mark SVG needs a width attribute on its <svg> element');
  return Number(match[1]);
};

/**
 * Renders the Teams icons from the mark. The outline icon is forced to pure white with the rendered
 * coverage as alpha, because Teams tints it and rejects coloured or opaque outline icons.
 */
export const renderIcons = async (options: RenderIconsOptions): Promise<RenderedIcons> => {
  const svg = Buffer.from(options.markSvg, 'utf8');
  const width = markWidth(options.markSvg);

  const outlineRaw = await sharp(svg, { density: densityFor(32, width) })
    .resize(32, 32, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .ensureAlpha()
    .raw()
    .toBuffer();
  const outline = new PNG({ width: 32, height: 32, colorType: 6 });
  for (let i = 0; i < 32 * 32; i++) {
    outline.data[i * 4] = 255;
    outline.data[i * 4 + 1] = 255;
    outline.data[i * 4 + 2] = 255;
    outline.data[i * 4 + 3] = outlineRaw[i * 4 + 3] ?? 0;
  }

  // The mark fills the middle 120 pixels, the safe area Teams keeps clear of its rounded mask.
  const mark = await sharp(svg, { density: densityFor(120, width) })
    .resize(120, 120, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const color = await sharp({
    create: { width: 192, height: 192, channels: 4, background: options.accentColor },
  })
    .composite([{ input: mark, gravity: 'center' }])
    .png()
    .toBuffer();

  return { color, outline: PNG.sync.write(outline) };
};

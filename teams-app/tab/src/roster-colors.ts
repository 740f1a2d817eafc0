import { tokens } from '@fluentui/react-components';

const palette = [
  tokens.colorPaletteBlueBackground2,
  tokens.colorPaletteGreenBackground2,
  tokens.colorPaletteLavenderBackground2,
  tokens.colorPaletteTealBackground2,
  tokens.colorPaletteMarigoldBackground2,
  tokens.colorPalettePinkBackground2,
  tokens.colorPaletteSeafoamBackground2,
  tokens.colorPaletteCornflowerBackground2,
];

/** The same people always get the same colour, so a shift is recognisable across days. */
export const colorForLabel = (label: string): string => {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? tokens.colorBrandBackground2;
};

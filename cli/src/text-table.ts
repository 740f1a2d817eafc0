/** Lines of left-aligned columns separated by two spaces; trailing blanks are dropped. */
export const formatTable = (rows: readonly (readonly string[])[], indent = '  '): string[] => {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    `${indent}${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd(),
  );
};

/** Integers get thousands separators; fractions keep about three significant digits. */
export const formatNumber = (value: number): string => {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 1000 ? 1 : 0;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

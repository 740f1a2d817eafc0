const dayMs = 86_400_000;

/**
 * drachtio-server stamps messages with its UTC time of day, "HH:MM:SS.uuuuuu"; returns ms since
 * midnight, or undefined for anything else.
 */
export const parseStackTime = (value: string | undefined): number | undefined => {
  const match = value === undefined ? null : /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(value);
  if (!match) return undefined;
  const [, hours, minutes, seconds, fraction = '0'] = match;
  return (
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 +
    Math.floor(Number(fraction.padEnd(6, '0')) / 1000)
  );
};

/** Milliseconds from one stack time to a later one, across midnight if need be. */
export const stackTimeDifference = (from: number, to: number): number => (to - from + dayMs) % dayMs;

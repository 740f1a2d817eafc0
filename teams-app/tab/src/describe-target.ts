import type { Target } from './api-schemas.ts';

/** "JD (Jan de Vries)", or the bare number of a fallback that is no contact. */
export const describeTarget = (target: Target, names: ReadonlyMap<string, string>): string => {
  if (target.key === null) return target.phone;
  const name = names.get(target.key);
  return name ? `${target.key} (${name})` : target.key;
};

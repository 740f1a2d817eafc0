import type { TeamsPackageConfig } from './teams-package-config.ts';

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export type ManifestJson = { readonly [key: string]: unknown };

const substitute = (value: unknown, values: Readonly<Record<string, string>>, path: string): unknown => {
  if (typeof value === 'string') {
    return value.replace(placeholder, (_match, name: string) => {
      const replacement = values[name];
      if (replacement === undefined)
        throw new Error(`manifest template: unknown placeholder {{${name}}} at ${path}`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => substitute(item, values, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, values, `${path}.${key}`)]),
    );
  }
  return value;
};

/**
 * Fills the `{{appId}}`-style placeholders of the manifest template. Substitution walks the parsed JSON
 * and replaces inside string values only, so no configured value can change the manifest's structure.
 */
export const renderManifest = (template: unknown, config: TeamsPackageConfig): ManifestJson => {
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new Error('manifest template: expected a JSON object');
  }
  const values: Record<string, string> = { ...config };
  return substitute(template, values, '$') as ManifestJson;
};

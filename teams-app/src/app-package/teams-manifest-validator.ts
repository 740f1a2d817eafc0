import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// Both are CommonJS modules that also set `exports.default`; under nodenext that is where the types are.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** The manifest schema the template targets: the newest GA version @microsoft/app-manifest ships. */
export const teamsManifestSchemaVersion = '1.30';

export interface ManifestValidation {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/**
 * Validates a manifest against Microsoft's published JSON schema (draft-04), as shipped by
 * @microsoft/app-manifest. Used by tests and by anyone who edits the template.
 */
export const createTeamsManifestValidator = async (
  version: string = teamsManifestSchemaVersion,
): Promise<(manifest: unknown) => ManifestValidation> => {
  const require = createRequire(import.meta.url);
  const schemaFile = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as object;
  // Microsoft's schema uses annotations Ajv's strict mode does not know; they do not affect validity.
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (manifest) => {
    const valid = validate(manifest) === true;
    const errors = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    );
    return { valid, errors };
  };
};

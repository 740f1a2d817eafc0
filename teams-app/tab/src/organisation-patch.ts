import type { OrganisationPatch } from './api-client.ts';
import type { Organisation } from './api-schemas.ts';

/** The owner's form as typed: numbers stay text until saved, so that the server judges what was typed. */
export interface OrganisationDraft {
  readonly name: string;
  readonly timeZone: string;
  readonly ringSeconds: string;
  readonly overlapPolicy: Organisation['settings']['overlapPolicy'];
  readonly caseSensitiveKeys: boolean;
  readonly cdrRetentionDays: string;
  readonly auditRetentionDays: string;
}

export const draftOf = (organisation: Organisation): OrganisationDraft => ({
  name: organisation.name,
  timeZone: organisation.timeZone,
  ringSeconds: String(organisation.settings.ringSeconds),
  overlapPolicy: organisation.settings.overlapPolicy,
  caseSensitiveKeys: organisation.settings.caseSensitiveKeys,
  cdrRetentionDays: String(organisation.settings.cdrRetentionDays),
  auditRetentionDays: String(organisation.settings.auditRetentionDays),
});

/**
 * Only the fields that differ from `saved`, so that a save never overwrites what another owner changed
 * meanwhile in a field this one left alone. Undefined when nothing changed.
 */
export const organisationPatch = (
  saved: Organisation,
  draft: OrganisationDraft,
): OrganisationPatch | undefined => {
  const before = saved.settings;
  const name = draft.name.trim();
  const timeZone = draft.timeZone.trim();
  // An emptied number field becomes 0, which the server refuses with its range at the field.
  const ringSeconds = Number(draft.ringSeconds);
  const cdrRetentionDays = Number(draft.cdrRetentionDays);
  const auditRetentionDays = Number(draft.auditRetentionDays);
  const { overlapPolicy, caseSensitiveKeys } = draft;
  const settings: OrganisationPatch['settings'] = {
    ...(ringSeconds !== before.ringSeconds ? { ringSeconds } : {}),
    ...(overlapPolicy !== before.overlapPolicy ? { overlapPolicy } : {}),
    ...(caseSensitiveKeys !== before.caseSensitiveKeys ? { caseSensitiveKeys } : {}),
    ...(cdrRetentionDays !== before.cdrRetentionDays ? { cdrRetentionDays } : {}),
    ...(auditRetentionDays !== before.auditRetentionDays ? { auditRetentionDays } : {}),
  };
  const patch: OrganisationPatch = {
    ...(name !== saved.name ? { name } : {}),
    ...(timeZone !== saved.timeZone ? { timeZone } : {}),
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
  };
  return Object.keys(patch).length > 0 ? patch : undefined;
};

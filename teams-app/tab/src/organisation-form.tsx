import { Button, Checkbox, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import { type Organisation, overlapPolicies } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { fieldError } from './field-error.ts';
import { useFormStyles } from './form-styles.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { draftOf, type OrganisationDraft, organisationPatch } from './organisation-patch.ts';
import { OverlapPolicyHints } from './overlap-policy-hints.tsx';
import { useSession } from './session-context.tsx';

/** Suggestions only: the server decides which zones it accepts, and says so at the field. */
const timeZones = Intl.supportedValuesOf('timeZone');

/** What the server names in its validation messages, to show them beside the field. */
const fields = [
  'name',
  'timeZone',
  'settings.ringSeconds',
  'settings.overlapPolicy',
  'settings.caseSensitiveKeys',
  'settings.cdrRetentionDays',
  'settings.auditRetentionDays',
] as const;
type FieldName = (typeof fields)[number];

/** The owner's form: the organisation's name, zone and settings; Save sends only what changed. */
export const OrganisationForm = (props: { readonly organisation: Organisation }) => {
  const styles = useFormStyles();
  const { t } = useI18n();
  const { api, reloadMe } = useSession();
  const headingId = useId();
  const zonesId = useId();
  const [saved, setSaved] = useState(props.organisation);
  const [draft, setDraft] = useState<OrganisationDraft>(() => draftOf(props.organisation));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState<'saved' | 'unchanged'>();
  const change = <K extends keyof OrganisationDraft>(field: K, value: OrganisationDraft[K]) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setOutcome(undefined);
    const patch = organisationPatch(saved, draft);
    if (!patch) {
      setOutcome('unchanged');
      return;
    }
    setBusy(true);
    try {
      const updated = await api.organisation.update(patch);
      setSaved(updated);
      setDraft(draftOf(updated));
      setOutcome('saved');
      // The banner shows the name and every view its times in the zone, both read from the session.
      if (patch.name !== undefined || patch.timeZone !== undefined) reloadMe();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const hasFieldProblem = fields.some((field) => fieldError(error, field) !== undefined);
  const fieldProps = (field: FieldName) => {
    const message = fieldError(error, field);
    return message ? { validationMessage: message, validationState: 'error' as const } : {};
  };
  return (
    // noValidate: the browser would stop a value out of range before the server could explain its rule.
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <Subtitle2 as="h2" id={headingId}>
        {t('organisation.settingsTitle')}
      </Subtitle2>
      <ErrorBar error={hasFieldProblem ? undefined : error} />
      {outcome === 'saved' && <NoticeBar>{t('organisation.saved')}</NoticeBar>}
      {outcome === 'unchanged' && <NoticeBar intent="info">{t('organisation.unchanged')}</NoticeBar>}
      <Field label={t('organisation.name')} required {...fieldProps('name')}>
        <Input value={draft.name} maxLength={120} onChange={(_, data) => change('name', data.value)} />
      </Field>
      <Field
        label={t('organisation.timeZone')}
        hint={t('organisation.timeZoneHint')}
        required
        {...fieldProps('timeZone')}
      >
        <Input
          list={zonesId}
          autoComplete="off"
          value={draft.timeZone}
          onChange={(_, data) => change('timeZone', data.value)}
        />
      </Field>
      <datalist id={zonesId}>
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Field
        label={t('organisation.ringSeconds')}
        hint={t('organisation.ringSecondsHint')}
        {...fieldProps('settings.ringSeconds')}
      >
        <Input
          type="number"
          min={5}
          max={300}
          value={draft.ringSeconds}
          onChange={(_, data) => change('ringSeconds', data.value)}
        />
      </Field>
      <Field
        label={t('organisation.overlapPolicy')}
        hint={<OverlapPolicyHints />}
        {...fieldProps('settings.overlapPolicy')}
      >
        <Select
          value={draft.overlapPolicy}
          onChange={(_, data) => change('overlapPolicy', data.value as OrganisationDraft['overlapPolicy'])}
        >
          {overlapPolicies.map((policy) => (
            <option key={policy} value={policy}>
              {t(`numbers.overlap.${policy}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field hint={t('organisation.caseSensitiveKeysHint')} {...fieldProps('settings.caseSensitiveKeys')}>
        <Checkbox
          label={t('organisation.caseSensitiveKeys')}
          checked={draft.caseSensitiveKeys}
          onChange={(_, data) => change('caseSensitiveKeys', data.checked === true)}
        />
      </Field>
      <Field
        label={t('organisation.cdrRetentionDays')}
        hint={t('organisation.cdrRetentionDaysHint')}
        {...fieldProps('settings.cdrRetentionDays')}
      >
        <Input
          type="number"
          min={1}
          max={3650}
          value={draft.cdrRetentionDays}
          onChange={(_, data) => change('cdrRetentionDays', data.value)}
        />
      </Field>
      <Field
        label={t('organisation.auditRetentionDays')}
        hint={t('organisation.auditRetentionDaysHint')}
        {...fieldProps('settings.auditRetentionDays')}
      >
        <Input
          type="number"
          min={30}
          max={3650}
          value={draft.auditRetentionDays}
          onChange={(_, data) => change('auditRetentionDays', data.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
};

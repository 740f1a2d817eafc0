import { Button, Checkbox, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import type { NumberSettings } from './api-client.ts';
import { type Calendar, overlapPolicies, type RoutedNumber, ringStrategies } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { fieldError } from './field-error.ts';
import { useFormStyles } from './form-styles.ts';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';

/** A new number, or the settings of one (its phone number itself cannot change). */
export const NumberForm = (props: {
  readonly number: RoutedNumber | undefined;
  readonly calendars: readonly Calendar[];
  readonly onSaved: (number: RoutedNumber) => void;
  readonly onCancel: () => void;
}) => {
  const styles = useFormStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const headingId = useId();
  const calendarsLabelId = useId();
  const existing = props.number;
  const [did, setDid] = useState('');
  const [name, setName] = useState(existing?.name ?? '');
  const [sourceIds, setSourceIds] = useState<readonly string[]>(existing?.sourceIds ?? []);
  const [fallback, setFallback] = useState(existing?.fallback ?? '');
  const [ringSeconds, setRingSeconds] = useState(String(existing?.ringSeconds ?? 20));
  const [overlapPolicy, setOverlapPolicy] = useState<NumberSettings['overlapPolicy']>(
    existing?.overlapPolicy ?? 'layered',
  );
  const [strategy, setStrategy] = useState<NumberSettings['strategy']>(existing?.strategy ?? 'sequential');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const toggle = (id: string, checked: boolean) =>
    setSourceIds((current) => (checked ? [...current, id] : current.filter((other) => other !== id)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const settings: NumberSettings = {
      name,
      sourceIds,
      fallback: fallback.trim() || null,
      strategy,
      ringSeconds: Number(ringSeconds),
      overlapPolicy,
    };
    try {
      props.onSaved(
        existing
          ? await api.numbers.update(existing.id, settings)
          : await api.numbers.create({ did, ...settings }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const fieldProps = (field: string) => {
    const message = fieldError(error, field);
    return message ? { validationMessage: message, validationState: 'error' as const } : {};
  };
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit}>
      <Subtitle2 as="h2" id={headingId}>
        {existing ? t('numbers.editTitle', { name: existing.name }) : t('numbers.addTitle')}
      </Subtitle2>
      <ErrorBar error={error} />
      {!existing && (
        <Field label={t('numbers.did')} hint={t('numbers.didHint')} required {...fieldProps('did')}>
          <Input type="tel" value={did} onChange={(_, data) => setDid(data.value)} />
        </Field>
      )}
      <Field label={t('numbers.name')} required {...fieldProps('name')}>
        <Input value={name} onChange={(_, data) => setName(data.value)} />
      </Field>
      <fieldset className={styles.fieldset} aria-labelledby={calendarsLabelId}>
        <legend id={calendarsLabelId}>{t('numbers.calendars')}</legend>
        {props.calendars.length === 0 && <p>{t('calendars.none')}</p>}
        {props.calendars.map((calendar) => (
          <Checkbox
            key={calendar.id}
            label={calendar.name}
            checked={sourceIds.includes(calendar.id)}
            onChange={(_, data) => toggle(calendar.id, data.checked === true)}
          />
        ))}
      </fieldset>
      <Field label={t('numbers.fallback')} hint={t('numbers.fallbackHint')} {...fieldProps('fallback')}>
        <Input value={fallback} onChange={(_, data) => setFallback(data.value)} />
      </Field>
      <Field
        label={t('numbers.ringSeconds')}
        hint={t('numbers.ringSecondsHint')}
        {...fieldProps('ringSeconds')}
      >
        <Input
          type="number"
          min={5}
          max={300}
          value={ringSeconds}
          onChange={(_, data) => setRingSeconds(data.value)}
        />
      </Field>
      <Field label={t('numbers.overlapPolicy')} hint={t(`numbers.overlap.${overlapPolicy}Hint`)}>
        <Select
          value={overlapPolicy}
          onChange={(_, data) => setOverlapPolicy(data.value as NumberSettings['overlapPolicy'])}
        >
          {overlapPolicies.map((policy) => (
            <option key={policy} value={policy}>
              {t(`numbers.overlap.${policy}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('numbers.strategy')}>
        <Select
          value={strategy}
          onChange={(_, data) => setStrategy(data.value as NumberSettings['strategy'])}
        >
          {ringStrategies.map((value) => (
            <option key={value} value={value}>
              {t(`numbers.strategy.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t('common.save')}
        </Button>
        <Button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
};

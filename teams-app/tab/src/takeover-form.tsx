import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { Contact, RoutedNumber, Takeover } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NumberSelect } from './number-select.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end' },
});

/** The API's limits for one takeover. */
const minHours = 1;
const maxHours = 72;

export const TakeoverForm = (props: {
  readonly numbers: readonly RoutedNumber[];
  readonly contacts: readonly Contact[];
  readonly numberId: string;
  readonly onNumberChange: (numberId: string) => void;
  readonly onTaken: (takeover: Takeover) => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [contactKey, setContactKey] = useState(props.contacts[0]?.key ?? '');
  const [hours, setHours] = useState('4');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const hoursNumber = Number(hours);
  const hoursValid = Number.isInteger(hoursNumber) && hoursNumber >= minHours && hoursNumber <= maxHours;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!hoursValid || !contactKey) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onTaken(await api.takeover.create(props.numberId, contactKey, hoursNumber));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorBar error={error} />
      <form className={styles.form} onSubmit={submit} aria-label={t('takeover.title')}>
        <NumberSelect numbers={props.numbers} value={props.numberId} onChange={props.onNumberChange} />
        <Field label={t('takeover.contact')}>
          <Select value={contactKey} onChange={(_, data) => setContactKey(data.value)}>
            {props.contacts.map((contact) => (
              <option key={contact.id} value={contact.key}>
                {contact.description ? `${contact.key} (${contact.description})` : contact.key}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t('takeover.hours')}
          validationMessage={
            hoursValid ? undefined : t('takeover.hoursInvalid', { min: minHours, max: maxHours })
          }
        >
          <Input
            type="number"
            min={minHours}
            max={maxHours}
            step={1}
            value={hours}
            onChange={(_, data) => setHours(data.value)}
          />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || !hoursValid || !contactKey}>
          {t('takeover.submit')}
        </Button>
      </form>
    </>
  );
};

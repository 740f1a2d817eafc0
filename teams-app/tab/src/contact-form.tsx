import { Button, Field, Input, mergeClasses, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import { isApiError } from './api-error.ts';
import type { Contact } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { fieldError } from './field-error.ts';
import { useFormStyles } from './form-styles.ts';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';

/** Add a contact, or change one. The API normalises the phone number to E.164 and checks the key is unique. */
export const ContactForm = (props: {
  readonly contact: Contact | undefined;
  readonly onSaved: (contact: Contact) => void;
  readonly onCancel: () => void;
}) => {
  const styles = useFormStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const headingId = useId();
  const existing = props.contact;
  const [key, setKey] = useState(existing?.key ?? '');
  const [phone, setPhone] = useState(existing?.phone ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = existing
        ? await api.contacts.update(existing.id, { key, phone, description: description.trim() || null })
        : await api.contacts.create({
            key,
            phone,
            ...(description.trim() ? { description: description.trim() } : {}),
          });
      props.onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  // Field problems are shown beside their field, in the user's language; anything else above the form.
  const keyTaken = isApiError(error) && error.code === 'CONFLICT';
  const problems: Readonly<Record<string, string | undefined>> = {
    key: keyTaken ? t('contacts.keyTaken') : fieldError(error, 'key'),
    phone: fieldError(error, 'phone') && t('contacts.phoneInvalid'),
    description: fieldError(error, 'description'),
  };
  const hasFieldProblem = Object.values(problems).some((problem) => problem !== undefined);
  const fieldProps = (field: string) => {
    const message = problems[field];
    return message ? { validationMessage: message, validationState: 'error' as const } : {};
  };
  return (
    <form className={mergeClasses(styles.form, styles.narrow)} aria-labelledby={headingId} onSubmit={submit}>
      <Subtitle2 as="h2" id={headingId}>
        {existing ? t('contacts.editTitle', { key: existing.key }) : t('contacts.addTitle')}
      </Subtitle2>
      <ErrorBar error={hasFieldProblem ? undefined : error} />
      <Field label={t('contacts.key')} hint={t('contacts.keyHint')} required {...fieldProps('key')}>
        <Input value={key} maxLength={16} onChange={(_, data) => setKey(data.value)} />
      </Field>
      <Field label={t('contacts.phone')} hint={t('contacts.phoneHint')} required {...fieldProps('phone')}>
        <Input type="tel" value={phone} maxLength={40} onChange={(_, data) => setPhone(data.value)} />
      </Field>
      <Field label={t('contacts.descriptionLabel')} {...fieldProps('description')}>
        <Input value={description} maxLength={80} onChange={(_, data) => setDescription(data.value)} />
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

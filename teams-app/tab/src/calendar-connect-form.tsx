import { Button, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import type { NewCalendar } from './api-client.ts';
import type { Calendar } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { fieldError } from './field-error.ts';
import { useFormStyles } from './form-styles.ts';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';

type Kind = 'ics' | 'caldav' | 'microsoft';
const kinds: readonly Kind[] = ['ics', 'caldav', 'microsoft'];

/** Connect a calendar by URL (ICS feed, CalDAV collection) or a Microsoft 365 calendar after admin consent. */
export const CalendarConnectForm = (props: { readonly onConnected: (calendar: Calendar) => void }) => {
  const styles = useFormStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const headingId = useId();
  const [kind, setKind] = useState<Kind>('ics');
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [entraTenantId, setEntraTenantId] = useState('');
  const [calendarPath, setCalendarPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const input = (): NewCalendar => {
    const named = name.trim() ? { name: name.trim() } : {};
    switch (kind) {
      case 'ics':
        return {
          provider: 'ics',
          url,
          ...named,
          ...(username ? { credentials: { username, password } } : {}),
        };
      case 'caldav':
        return { provider: 'caldav', url, username, password, ...named };
      case 'microsoft':
        return { provider: 'microsoft', entraTenantId, calendarPath, ...named };
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onConnected(await api.calendars.connect(input()));
      setUrl('');
      setName('');
      setUsername('');
      setPassword('');
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
        {t('calendars.connectTitle')}
      </Subtitle2>
      <ErrorBar error={error} />
      <Field label={t('calendars.kind')}>
        <Select value={kind} onChange={(_, data) => setKind(data.value as Kind)}>
          {kinds.map((value) => (
            <option key={value} value={value}>
              {t(`calendars.kind.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
      {kind !== 'microsoft' && (
        <Field
          label={t('calendars.url')}
          hint={t(`calendars.urlHint.${kind}`)}
          required
          {...fieldProps('url')}
        >
          <Input type="url" value={url} onChange={(_, data) => setUrl(data.value)} />
        </Field>
      )}
      {kind === 'microsoft' && (
        <>
          <Field label={t('calendars.entraTenantId')} required {...fieldProps('entraTenantId')}>
            <Input value={entraTenantId} onChange={(_, data) => setEntraTenantId(data.value)} />
          </Field>
          <Field
            label={t('calendars.calendarPath')}
            hint={t('calendars.calendarPathHint')}
            required
            {...fieldProps('calendarPath')}
          >
            <Input value={calendarPath} onChange={(_, data) => setCalendarPath(data.value)} />
          </Field>
        </>
      )}
      {kind !== 'microsoft' && (
        <>
          <Field
            label={t('calendars.username')}
            hint={kind === 'ics' ? t('calendars.optional') : undefined}
            required={kind === 'caldav'}
          >
            <Input autoComplete="off" value={username} onChange={(_, data) => setUsername(data.value)} />
          </Field>
          <Field label={t('calendars.password')} hint={kind === 'ics' ? t('calendars.optional') : undefined}>
            <Input
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(_, data) => setPassword(data.value)}
            />
          </Field>
        </>
      )}
      <Field label={t('calendars.name')} hint={t('calendars.nameHint')}>
        <Input value={name} onChange={(_, data) => setName(data.value)} />
      </Field>
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t('calendars.connect')}
        </Button>
      </div>
    </form>
  );
};

import { Button, Field, Input, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { isApiError } from './api-error.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** First visit of a fresh installation: the organisation and its owner (refused once one exists). */
export const SetupForm = (props: {
  readonly api: ApiClient;
  readonly onSession: (token: string | undefined) => void;
  readonly onBack: () => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const [organisation, setOrganisation] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onSession((await props.api.auth.setup({ organisation, email, password })).session.token);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const alreadySetUp = isApiError(error) && error.code === 'CONFLICT';
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit}>
      <Subtitle2 as="h2" id={headingId}>
        {t('setup.title')}
      </Subtitle2>
      <ErrorBar error={error} {...(alreadySetUp ? { text: t('setup.alreadySetUp') } : {})} />
      <Field label={t('setup.organisation')} required>
        <Input value={organisation} onChange={(_, data) => setOrganisation(data.value)} />
      </Field>
      <Field label={t('signIn.email')} required>
        <Input
          type="email"
          autoComplete="username"
          value={email}
          onChange={(_, data) => setEmail(data.value)}
        />
      </Field>
      <Field label={t('setup.password')} hint={t('setup.passwordHint')} required>
        <Input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(_, data) => setPassword(data.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t('setup.submit')}
        </Button>
        <Button type="button" onClick={props.onBack}>
          {t('common.back')}
        </Button>
      </div>
    </form>
  );
};

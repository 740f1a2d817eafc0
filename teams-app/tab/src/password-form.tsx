import { Button, Field, Input, Link, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { isApiError } from './api-error.ts';
import type { BootInput } from './boot-input.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** Step one of signing in. */
export const PasswordForm = (props: {
  readonly api: ApiClient;
  readonly initial?: BootInput | undefined;
  readonly onSession: (token: string | undefined) => void;
  readonly onSecondFactor: (ticket: string) => void;
  readonly onSetup: () => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const [email, setEmail] = useState(props.initial?.email ?? '');
  const [password, setPassword] = useState(props.initial?.password ?? '');
  const focus = props.initial?.focus;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await props.api.auth.login(email, password);
      if ('secondFactor' in result) props.onSecondFactor(result.secondFactor.ticket);
      else props.onSession(result.session.token);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const wrongCredentials = isApiError(error) && error.code === 'UNAUTHENTICATED';
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit}>
      <Subtitle2 as="h2" id={headingId}>
        {t('signIn.title')}
      </Subtitle2>
      <ErrorBar error={error} {...(wrongCredentials ? { text: t('signIn.wrongCredentials') } : {})} />
      <Field label={t('signIn.email')} required>
        <Input
          type="email"
          autoComplete="username"
          // Gives back the focus the static form of index.html had.
          autoFocus={focus === 'email'}
          value={email}
          onChange={(_, data) => setEmail(data.value)}
        />
      </Field>
      <Field label={t('signIn.password')} required>
        <Input
          type="password"
          autoComplete="current-password"
          // Gives back the focus the static form of index.html had.
          autoFocus={focus === 'password'}
          value={password}
          onChange={(_, data) => setPassword(data.value)}
        />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy}>
        {t('signIn.submit')}
      </Button>
      <Link as="button" type="button" onClick={props.onSetup}>
        {t('setup.link')}
      </Link>
    </form>
  );
};

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

/** Step two of signing in: the code from the authenticator app. */
export const TotpForm = (props: {
  readonly api: ApiClient;
  readonly ticket: string;
  readonly onSession: (token: string | undefined) => void;
  readonly onBack: () => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onSession((await props.api.auth.totp(props.ticket, code)).session.token);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const wrongCode = isApiError(error) && error.code === 'UNAUTHENTICATED';
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit}>
      <Subtitle2 as="h2" id={headingId}>
        {t('totp.title')}
      </Subtitle2>
      <ErrorBar error={error} {...(wrongCode ? { text: t('totp.wrongCode') } : {})} />
      <Field label={t('totp.code')} hint={t('totp.hint')} required>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          // The code field is the only thing to do on this step.
          autoFocus
          value={code}
          onChange={(_, data) => setCode(data.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t('totp.submit')}
        </Button>
        <Button type="button" onClick={props.onBack}>
          {t('common.back')}
        </Button>
      </div>
    </form>
  );
};

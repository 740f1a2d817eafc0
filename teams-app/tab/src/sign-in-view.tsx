import { Body1, Card, makeStyles, Title3, tokens } from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import type { BootInput } from './boot-input.ts';
import { useI18n } from './i18n-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { PasswordForm } from './password-form.tsx';
import type { SessionHolder } from './session-holder.ts';
import { SetupForm } from './setup-form.tsx';
import { TotpForm } from './totp-form.tsx';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    justifyItems: 'center',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
  },
  card: { width: 'min(460px, 100%)', padding: tokens.spacingHorizontalXL },
  header: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  brand: { margin: 0, overflowWrap: 'anywhere' },
});

type Step =
  | { readonly kind: 'password' }
  | { readonly kind: 'totp'; readonly ticket: string }
  | { readonly kind: 'setup' };

/** Email and password, then the authenticator code when the account has one; or the first-visit setup. */
export const SignInView = (props: {
  readonly api: ApiClient;
  readonly holder: SessionHolder;
  readonly notice?: ReactNode;
  readonly bootInput?: BootInput;
  /** Called when someone signs in with password and code, just before the session starts. */
  readonly onCodeSignIn?: () => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const signedIn = (token: string | undefined) => {
    if (token) props.holder.set(token);
  };
  return (
    <main className={styles.root}>
      <Card className={styles.card}>
        <div className={styles.header}>
          <Title3 as="h1" className={styles.brand}>
            WhoYouGonnaCall
          </Title3>
          <LanguageSwitch />
        </div>
        <Body1 as="p">{t('app.tagline')}</Body1>
        {props.notice}
        {step.kind === 'password' && (
          <PasswordForm
            api={props.api}
            initial={props.bootInput}
            onSession={signedIn}
            onSecondFactor={(ticket) => setStep({ kind: 'totp', ticket })}
            onSetup={() => setStep({ kind: 'setup' })}
          />
        )}
        {step.kind === 'totp' && (
          <TotpForm
            api={props.api}
            ticket={step.ticket}
            onSession={(token) => {
              if (token) props.onCodeSignIn?.();
              signedIn(token);
            }}
            onBack={() => setStep({ kind: 'password' })}
          />
        )}
        {step.kind === 'setup' && (
          <SetupForm api={props.api} onSession={signedIn} onBack={() => setStep({ kind: 'password' })} />
        )}
      </Card>
    </main>
  );
};

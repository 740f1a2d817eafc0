import { Body1, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { TotpOffer } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { Panel } from './panel.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({
  offer: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL, alignItems: 'start' },
  qr: { width: '200px', height: '200px', backgroundColor: '#fff', padding: tokens.spacingHorizontalS },
  secret: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '280px' },
});

/** Two-step sign-in: scan the QR code (or type the secret), then confirm with a first code. */
export const TotpEnrolment = () => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api, me, reloadMe } = useSession();
  const [offer, setOffer] = useState<TotpOffer | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const start = async () => {
    setError(undefined);
    try {
      setOffer(await api.auth.enrolTotp());
    } catch (caught) {
      setError(caught);
    }
  };
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.auth.confirmTotp(code);
      setOffer(undefined);
      setDone(true);
      reloadMe();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Panel title={t('totpEnrol.title')}>
      <ErrorBar error={error} />
      {done && <NoticeBar>{t('totpEnrol.done')}</NoticeBar>}
      {me.totpEnrolled && !done && <Body1>{t('totpEnrol.on')}</Body1>}
      {!me.totpEnrolled && !offer && (
        <>
          <Body1>{t('totpEnrol.off')}</Body1>
          <div>
            <Button appearance="primary" onClick={start}>
              {t('totpEnrol.start')}
            </Button>
          </div>
        </>
      )}
      {offer && (
        <div className={styles.offer}>
          <img className={styles.qr} src={offer.qrCodeDataUrl} alt={t('totpEnrol.qrAlt')} />
          <form className={styles.form} onSubmit={confirm} aria-label={t('totpEnrol.title')}>
            <Body1>{t('totpEnrol.scan')}</Body1>
            <Body1>
              {t('totpEnrol.secret')} <span className={styles.secret}>{offer.secret}</span>
            </Body1>
            <Field label={t('totp.code')} required>
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(_, data) => setCode(data.value)}
              />
            </Field>
            <Button appearance="primary" type="submit">
              {t('totpEnrol.confirm')}
            </Button>
          </form>
        </div>
      )}
    </Panel>
  );
};

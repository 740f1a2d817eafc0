import { Body1, Button, Subtitle2 } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useFormStyles } from './form-styles.ts';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';

/**
 * Google and Microsoft connect through their own consent pages, opened in a new window (inside Teams a
 * frame may not navigate to them); the server's callback finishes the connection.
 */
export const OAuthConnectButtons = () => {
  const styles = useFormStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const headingId = useId();
  const [error, setError] = useState<unknown>();
  const open = async (load: () => Promise<string>) => {
    setError(undefined);
    // Opened before the await, while the click still counts as the user's: popup blockers allow that.
    const popup = window.open('about:blank', '_blank');
    try {
      const url = await load();
      if (!popup) return window.location.assign(url);
      popup.opener = null;
      popup.location.href = url;
    } catch (caught) {
      popup?.close();
      setError(caught);
    }
  };
  return (
    <section className={styles.form} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {t('calendars.oauthTitle')}
      </Subtitle2>
      <Body1>{t('calendars.oauthDescription')}</Body1>
      <ErrorBar error={error} />
      <div className={styles.actions}>
        <Button onClick={() => open(async () => (await api.calendars.googleConnectUrl()).authorizationUrl)}>
          {t('calendars.connectGoogle')}
        </Button>
        <Button onClick={() => open(async () => (await api.calendars.microsoftConsentUrl()).adminConsentUrl)}>
          {t('calendars.connectMicrosoft')}
        </Button>
      </div>
    </section>
  );
};

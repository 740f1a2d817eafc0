import { Body1, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { ConfirmButton } from './confirm-button.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { Panel } from './panel.tsx';
import { useSession } from './session-context.tsx';

/**
 * The end of the contract: all data deleted and the organisation's key destroyed. Owners only, after
 * typing the organisation's name; the API also wants a recent sign-in.
 */
export const TerminatePanel = () => {
  const { t } = useI18n();
  const { api, me, signOut } = useSession();
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const terminate = async () => {
    setError(undefined);
    try {
      await api.privacy.terminate(confirm);
      signOut();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Panel title={t('privacy.terminateTitle')}>
      <Body1>{t('privacy.terminateDescription')}</Body1>
      <ErrorBar error={error} />
      <Field label={t('privacy.terminateConfirm', { name: me.tenant.name })}>
        <Input value={confirm} onChange={(_, data) => setConfirm(data.value)} />
      </Field>
      <div>
        <ConfirmButton
          label={t('privacy.terminate')}
          title={t('privacy.terminateDialogTitle')}
          body={t('privacy.terminateDialogBody')}
          disabled={confirm.trim() !== me.tenant.name}
          onConfirm={terminate}
        />
      </div>
    </Panel>
  );
};

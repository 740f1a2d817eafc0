import { Body1, Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { ConfirmButton } from './confirm-button.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { Panel } from './panel.tsx';
import { saveDownload } from './save-download.ts';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

/** A data subject's requests: their data as a file, or erasure everywhere (calls pseudonymised). */
export const EraseContactPanel = () => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const contacts = useApiData(useCallback(() => api.contacts.list(), [api]));
  const [chosen, setChosen] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string | undefined>();
  const items = contacts.data?.items ?? [];
  const contact = items.find((candidate) => candidate.id === chosen) ?? items[0];
  const exportContact = async () => {
    if (!contact) return;
    setError(undefined);
    try {
      saveDownload(await api.privacy.exportContact(contact.id));
    } catch (caught) {
      setError(caught);
    }
  };
  const erase = async () => {
    if (!contact) return;
    setError(undefined);
    try {
      const report = await api.privacy.eraseContact(contact.id);
      setNotice(t('privacy.erased', { key: contact.key, calls: report.callRecordsPseudonymised }));
      setChosen(undefined);
      contacts.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Panel title={t('privacy.eraseTitle')}>
      <Body1>{t('privacy.eraseDescription')}</Body1>
      <ErrorBar error={contacts.error ?? error} />
      {notice && <NoticeBar>{notice}</NoticeBar>}
      {contact ? (
        <div className={styles.row}>
          <Field label={t('privacy.contact')}>
            <Select value={contact.id} onChange={(_, data) => setChosen(data.value)}>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.description ? `${item.key} (${item.description})` : item.key}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={exportContact}>{t('privacy.exportContact')}</Button>
          <ConfirmButton
            label={t('privacy.erase')}
            title={t('privacy.eraseConfirmTitle', { key: contact.key })}
            body={t('privacy.eraseConfirmBody')}
            onConfirm={erase}
          />
        </div>
      ) : (
        <p>{t('contacts.none')}</p>
      )}
    </Panel>
  );
};

import { Body1, Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Download } from './api-client.ts';
import { type ExportCategory, exportCategories } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { Panel } from './panel.tsx';
import { saveDownload } from './save-download.ts';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

/** Everything stored for the organisation: one JSON file, or one category as CSV. */
export const ExportPanel = () => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [category, setCategory] = useState<ExportCategory>('contacts');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (load: () => Promise<Download>) => {
    setBusy(true);
    setError(undefined);
    try {
      saveDownload(await load());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('privacy.exportTitle')}>
      <Body1>{t('privacy.exportDescription')}</Body1>
      <ErrorBar error={error} />
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => run(() => api.privacy.exportJson())}>
          {t('privacy.exportJson')}
        </Button>
        <Field label={t('privacy.category')}>
          <Select value={category} onChange={(_, data) => setCategory(data.value as ExportCategory)}>
            {exportCategories.map((value) => (
              <option key={value} value={value}>
                {t(`privacy.category.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={busy} onClick={() => run(() => api.privacy.exportCsv(category))}>
          {t('privacy.exportCsv')}
        </Button>
      </div>
    </Panel>
  );
};

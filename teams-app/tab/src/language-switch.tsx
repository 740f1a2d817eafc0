import { makeStyles, Select } from '@fluentui/react-components';
import { useI18n } from './i18n-context.tsx';
import { type Language, languages } from './language.ts';

const names: Readonly<Record<Language, string>> = { en: 'English', nl: 'Nederlands' };

const useStyles = makeStyles({ root: { width: '130px', flexShrink: 0 } });

/** Each language named in itself, so a user can find theirs whatever the current one. */
export const LanguageSwitch = () => {
  const styles = useStyles();
  const { language, setLanguage, t } = useI18n();
  return (
    <Select
      className={styles.root}
      aria-label={t('language.label')}
      value={language}
      onChange={(_, data) => setLanguage(data.value as Language)}
    >
      {languages.map((code) => (
        <option key={code} value={code} lang={code}>
          {names[code]}
        </option>
      ))}
    </Select>
  );
};

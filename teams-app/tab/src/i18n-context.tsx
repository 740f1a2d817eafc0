import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import type { Language } from './language.ts';
import type { MessageKey } from './messages.ts';
import { type MessageParams, translate } from './translate.ts';

export interface I18n {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export const I18nProvider = (props: {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly children: ReactNode;
}) => {
  const { language, setLanguage } = props;
  // Screen readers pick their voice from the document's language.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const t = useCallback(
    (key: MessageKey, params?: MessageParams) => translate(language, key, params),
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
};

export const useI18n = (): I18n => {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
};

import { useCallback, useEffect, useState } from 'react';
import { type Language, languageFromLocale, pickLanguage } from './language.ts';
import type { TeamsConnection } from './use-teams-host.ts';

const choiceKey = 'wygc.language';

const readChoice = (): string | null => {
  try {
    return globalThis.localStorage?.getItem(choiceKey) ?? null;
  } catch {
    return null;
  }
};

/** The user's choice, else Teams' locale once known, else the browser's languages; switchable. */
export const useLanguage = (teams: TeamsConnection): [Language, (language: Language) => void] => {
  const [language, setLanguageState] = useState<Language>(() =>
    pickLanguage({ chosen: readChoice(), browserLocales: navigator.languages }),
  );
  useEffect(() => {
    if (teams.status !== 'ready' || readChoice()) return;
    const fromTeams = languageFromLocale(teams.host.locale);
    if (fromTeams) setLanguageState(fromTeams);
  }, [teams]);
  const setLanguage = useCallback((chosen: Language) => {
    try {
      globalThis.localStorage?.setItem(choiceKey, chosen);
    } catch {
      // Storage refused (a frame without storage access): the choice lasts until the page reloads.
    }
    setLanguageState(chosen);
  }, []);
  return [language, setLanguage];
};

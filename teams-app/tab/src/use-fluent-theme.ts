import {
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { themeFor } from './theme-for.ts';
import type { TeamsConnection } from './use-teams-host.ts';

const browserTheme = (): Theme => {
  if (globalThis.matchMedia?.('(forced-colors: active)').matches) return teamsHighContrastTheme;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? teamsDarkTheme : teamsLightTheme;
};

/** Inside Teams: Teams' theme, following its changes. In a browser: the system's light or dark mode. */
export const useFluentTheme = (teams: TeamsConnection): Theme => {
  const [theme, setTheme] = useState<Theme>(() =>
    teams.status === 'off' ? browserTheme() : teamsLightTheme,
  );
  useEffect(() => {
    if (teams.status === 'ready') {
      setTheme(themeFor(teams.host.theme));
      teams.host.onThemeChange((name) => setTheme(themeFor(name)));
      return;
    }
    if (teams.status !== 'off' || !globalThis.matchMedia) return;
    const queries = [matchMedia('(prefers-color-scheme: dark)'), matchMedia('(forced-colors: active)')];
    const update = () => setTheme(browserTheme());
    for (const query of queries) query.addEventListener('change', update);
    return () => {
      for (const query of queries) query.removeEventListener('change', update);
    };
  }, [teams]);
  return theme;
};

import {
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';

/** Teams' theme names ("default", "dark", "contrast") to Fluent's Teams themes; unknown names are light. */
export const themeFor = (teamsTheme: string | undefined): Theme => {
  switch (teamsTheme) {
    case 'dark':
      return teamsDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
};

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { readBootInput } from './boot-input.ts';
import { isInTeams, readHostHints } from './in-teams.ts';
import { routeFromTeamsPath } from './routes.ts';

/** Renders the app over index.html's static markup, carrying over what was typed into it. */
export const startApp = (win: Window): void => {
  const container = win.document.getElementById('root');
  if (!container) return;
  const hints = readHostHints(win);
  createRoot(container).render(
    <StrictMode>
      <App
        inTeams={isInTeams(hints)}
        teamsRoute={routeFromTeamsPath(hints.url)}
        configuring={hints.url.pathname === '/teams/configure'}
        bootInput={readBootInput(win.document)}
      />
    </StrictMode>,
  );
};

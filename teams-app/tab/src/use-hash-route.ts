import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './routes.ts';

/** The current #route; `initial` (where Teams opened the tab) applies while the URL has no hash. */
export const useHashRoute = (initial: Route | undefined): Route => {
  const read = () => (window.location.hash || !initial ? parseRoute(window.location.hash) : initial);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
};

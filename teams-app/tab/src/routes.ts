/** The tab's views, in the order of the navigation. */
export const viewNames = [
  'now',
  'roster',
  'takeover',
  'contacts',
  'numbers',
  'calendars',
  'calls',
  'audit',
  'privacy',
  'organisation',
  'account',
] as const;
export type ViewName = (typeof viewNames)[number];

export const defaultView: ViewName = 'now';

export interface Route {
  readonly view: ViewName;
  readonly params: URLSearchParams;
}

const isViewName = (name: string): name is ViewName => (viewNames as readonly string[]).includes(name);

/** "#/roster?number=abc&from=2027-03-26" → roster with those parameters; anything unknown → the default view. */
export const parseRoute = (hash: string): Route => {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const name = path.split('/')[0] ?? '';
  return { view: isViewName(name) ? name : defaultView, params: new URLSearchParams(search) };
};

export const routeHref = (view: ViewName, params: Record<string, string | undefined> = {}): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return `#/${view}${text ? `?${text}` : ''}`;
};

/** Teams opens its static tabs at /teams/now and /teams/roster (the manifest's content URLs). */
export const routeFromTeamsPath = (url: URL): Route | undefined => {
  const name = url.pathname.replace(/^\/teams\//, '').split('/')[0] ?? '';
  return isViewName(name) ? { view: name, params: new URLSearchParams(url.search) } : undefined;
};

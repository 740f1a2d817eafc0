import { describe, expect, it } from 'vitest';
import { parseRoute, routeFromTeamsPath, routeHref } from './routes.ts';

describe('routes', () => {
  it('reads the view and its parameters from the hash', () => {
    const route = parseRoute('#/roster?number=n1&from=2027-03-26');
    expect(route.view).toBe('roster');
    expect(route.params.get('number')).toBe('n1');
    expect(route.params.get('from')).toBe('2027-03-26');
    expect(parseRoute('#/organisation').view).toBe('organisation');
  });

  it('opens the default view for an empty or unknown hash', () => {
    expect(parseRoute('').view).toBe('now');
    expect(parseRoute('#/nonsense').view).toBe('now');
    expect(parseRoute('#main').view).toBe('now');
  });

  it('writes hashes that read back the same, leaving out empty parameters', () => {
    const href = routeHref('roster', { number: 'a b', from: '2027-03-26', other: undefined });
    expect(href).toBe('#/roster?number=a+b&from=2027-03-26');
    expect(parseRoute(href).params.get('number')).toBe('a b');
  });

  it('maps the manifest’s content URLs to views', () => {
    expect(routeFromTeamsPath(new URL('https://h/teams/now'))?.view).toBe('now');
    const roster = routeFromTeamsPath(new URL('https://h/teams/roster?number=n1'));
    expect(roster?.view).toBe('roster');
    expect(roster?.params.get('number')).toBe('n1');
    expect(routeFromTeamsPath(new URL('https://h/teams/configure'))).toBeUndefined();
  });
});

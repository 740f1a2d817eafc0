import { describe, expect, it } from 'vitest';
import { type HostHints, isInTeams } from './in-teams.ts';

const hints = (overrides: Partial<Omit<HostHints, 'url'>> & { url?: string } = {}): HostHints => ({
  framed: overrides.framed ?? false,
  url: new URL(overrides.url ?? 'https://wygc.example.net/'),
  ancestorOrigins: overrides.ancestorOrigins ?? [],
  userAgent: overrides.userAgent ?? 'Mozilla/5.0 Chrome/140.0',
});

describe('isInTeams', () => {
  it('is false in a top-level browser window, whatever the URL says', () => {
    expect(isInTeams(hints())).toBe(false);
    expect(isInTeams(hints({ url: 'https://wygc.example.net/teams/now?inTeams=1' }))).toBe(false);
  });

  it('is true in a frame opened at a content URL of the manifest', () => {
    expect(isInTeams(hints({ framed: true, url: 'https://wygc.example.net/teams/roster' }))).toBe(true);
  });

  it('is true in a frame with ?inTeams=1 or a Teams host among its ancestors', () => {
    expect(isInTeams(hints({ framed: true, url: 'https://wygc.example.net/?inTeams=1' }))).toBe(true);
    expect(isInTeams(hints({ framed: true, ancestorOrigins: ['https://teams.microsoft.com'] }))).toBe(true);
    expect(isInTeams(hints({ framed: true, ancestorOrigins: ['https://teams.cloud.microsoft'] }))).toBe(true);
  });

  it('is false in a frame of some other site', () => {
    expect(isInTeams(hints({ framed: true }))).toBe(false);
    expect(
      isInTeams(hints({ framed: true, ancestorOrigins: ['https://teams.microsoft.com.evil.example'] })),
    ).toBe(false);
    expect(isInTeams(hints({ framed: true, ancestorOrigins: ['http://teams.microsoft.com'] }))).toBe(false);
  });

  it('is true in the web view of Teams mobile, which is not a frame', () => {
    expect(
      isInTeams(
        hints({ url: 'https://wygc.example.net/teams/now', userAgent: 'Mozilla/5.0 Teams/1416/1.0.0' }),
      ),
    ).toBe(true);
  });
});

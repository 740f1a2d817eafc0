import { describe, expect, it } from 'vitest';
import { parseSubject } from './parse-subject.ts';
import { directory, eb, jd, pk } from './test-support.ts';

const groupsOf = (subject: string, caseSensitive = false): string[][] =>
  parseSubject(subject, directory(undefined, caseSensitive)).groups.map((group) => group.map((c) => c.key));

describe('parseSubject', () => {
  it('selects the key among other words', () => {
    const routing = parseSubject('Storing JD (mobiel)', directory());
    expect(routing.groups).toEqual([[jd]]);
    expect(routing.unmatchedTokens).toEqual(['Storing', 'mobiel']);
  });

  it('rings keys joined by + together', () => {
    expect(groupsOf('JD+PK')).toEqual([['JD', 'PK']]);
    expect(groupsOf('JD + PK')).toEqual([['JD', 'PK']]);
    expect(groupsOf('JD +\tPK+ÉB')).toEqual([['JD', 'PK', 'ÉB']]);
  });

  it('rings keys separated otherwise one after another, in the order written', () => {
    expect(groupsOf('JD, PK')).toEqual([['JD'], ['PK']]);
    expect(groupsOf('JD PK')).toEqual([['JD'], ['PK']]);
    expect(groupsOf('PK/JD')).toEqual([['PK'], ['JD']]);
    expect(groupsOf('PK ++ JD')).toEqual([['PK'], ['JD']]);
    expect(groupsOf('JD+PK, ÉB')).toEqual([['JD', 'PK'], ['ÉB']]);
  });

  it('does not join keys when another word stands between them', () => {
    expect(groupsOf('JD + dienst + PK')).toEqual([['JD'], ['PK']]);
  });

  it('takes tokens as maximal runs of letters and digits', () => {
    expect(groupsOf('JD2 PKX')).toEqual([]);
    expect(groupsOf('(JD)-[PK]')).toEqual([['JD'], ['PK']]);
    expect(groupsOf('JD_PK')).toEqual([['JD'], ['PK']]);
  });

  it('matches keys case-insensitively by default', () => {
    expect(groupsOf('storing jd')).toEqual([['JD']]);
    expect(groupsOf('éb+pk')).toEqual([['ÉB', 'PK']]);
  });

  it('matches only the exact case when the tenant chose case-sensitive keys', () => {
    const routing = parseSubject('jd, PK', directory(undefined, true));
    expect(routing.groups).toEqual([[pk]]);
    expect(routing.unmatchedTokens).toEqual(['jd']);
  });

  it('matches a Unicode key in composed and decomposed form', () => {
    expect(parseSubject('dienst ÉB', directory()).groups).toEqual([[eb]]);
    expect(parseSubject('dienst ÉB'.normalize('NFD'), directory()).groups).toEqual([[eb]]);
  });

  it('lists a contact once: later mentions are dropped', () => {
    expect(groupsOf('JD, PK, jd')).toEqual([['JD'], ['PK']]);
    expect(groupsOf('JD+JD+PK')).toEqual([['JD', 'PK']]);
    expect(groupsOf('JD, JD')).toEqual([['JD']]);
  });

  it('keeps the grouping as written when a repeated key is dropped', () => {
    expect(groupsOf('PK+JD, JD+ÉB')).toEqual([['PK', 'JD'], ['ÉB']]);
    expect(groupsOf('JD, JD+PK')).toEqual([['JD'], ['PK']]);
  });

  it('reports the tokens that select nobody', () => {
    const routing = parseSubject('Storingsdienst XY', directory());
    expect(routing.groups).toEqual([]);
    expect(routing.unmatchedTokens).toEqual(['Storingsdienst', 'XY']);
  });

  it('selects nobody from an empty or punctuation-only subject', () => {
    expect(parseSubject('', directory())).toEqual({ groups: [], unmatchedTokens: [] });
    expect(parseSubject(' + , ', directory())).toEqual({ groups: [], unmatchedTokens: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command.ts';

describe('parseCommand', () => {
  it.each([
    ['wie', { kind: 'who', language: 'nl' }],
    ['Wie heeft er dienst?', { kind: 'who', language: 'nl' }],
    ['who', { kind: 'who', language: 'en' }],
    ["WHO's on call", { kind: 'unknown' }],
    ['rooster', { kind: 'roster', language: 'nl' }],
    ['Roster!', { kind: 'roster', language: 'en' }],
    ['help', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['hulp', { kind: 'help', language: 'nl' }],
    ['', { kind: 'unknown' }],
    ['wiebelen', { kind: 'unknown' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['neem over 2u JD', { hours: 2, contactKey: 'JD' }],
    ['neem over 2 uur als JD', { hours: 2, contactKey: 'JD' }],
    [
      'Neem  over 12u jd op Storingsdienst Noord',
      { hours: 12, contactKey: 'jd', number: 'Storingsdienst Noord' },
    ],
    ['neem over 4u ÉB voor 050 123 4567', { hours: 4, contactKey: 'ÉB', number: '050 123 4567' }],
    ['take over 2h as JD', { hours: 2, contactKey: 'JD' }],
    ['take over 2 hours JD', { hours: 2, contactKey: 'JD' }],
    ['take over 72h as AS on Servicedesk', { hours: 72, contactKey: 'AS', number: 'Servicedesk' }],
    // "as" is the contact key itself when nothing follows it.
    ['take over 1h as', { hours: 1, contactKey: 'as' }],
  ])('reads the takeover %j', (text, request) => {
    const command = parseCommand(text);
    expect(command).toEqual({
      kind: 'take-over',
      language: text.toLowerCase().startsWith('neem') ? 'nl' : 'en',
      request,
    });
  });

  it.each([
    'neem over',
    'neem over 2u',
    'neem over JD',
    'neem over 0u JD',
    'neem over 73u JD',
    'take over 1.5h as JD',
  ])('leaves out the request when %j lacks a valid duration or key', (text) => {
    const command = parseCommand(text);
    expect(command.kind).toBe('take-over');
    expect(command).not.toHaveProperty('request');
  });

  it('reads the data of a card button, and ignores other values', () => {
    expect(parseCommand('', { wygc: 'roster', language: 'en' })).toEqual({ kind: 'roster', language: 'en' });
    expect(parseCommand('', { wygc: 'who' })).toEqual({ kind: 'who' });
    expect(parseCommand('', { wygc: 'erase-everything' })).toEqual({ kind: 'unknown' });
    expect(parseCommand('', 'who')).toEqual({ kind: 'unknown' });
    // Typed text wins over a value.
    expect(parseCommand('wie', { wygc: 'roster' })).toEqual({ kind: 'who', language: 'nl' });
  });
});

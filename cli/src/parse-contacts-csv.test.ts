import { describe, expect, it } from 'vitest';
import { isCliError } from './cli-error.ts';
import { parseContactsCsv } from './parse-contacts-csv.ts';

const header = 'key,phone,description';

const errorOf = (text: string): { message: string; exitCode: number } => {
  try {
    parseContactsCsv(text, 'contacts.csv');
  } catch (error) {
    if (isCliError(error)) return { message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected the CSV to be rejected');
};

describe('parseContactsCsv', () => {
  it('reads contacts into E.164, trimming cells and allowing an empty or missing description', () => {
    const text = `${header}\nJD , 06 4123 8765 ,  Jan de Vries \nPK,06 2874 1190,\nMK,050 311 2233\n`;
    expect(parseContactsCsv(text, 'contacts.csv')).toEqual([
      { key: 'JD', phone: '+31641238765', description: 'Jan de Vries' },
      { key: 'PK', phone: '+31628741190' },
      { key: 'MK', phone: '+31503112233' },
    ]);
  });

  it('handles a BOM, CRLF line ends, blank lines, quoted commas and a header in capitals', () => {
    const text = `\uFEFFKey,Phone,Description\r\n\r\nJD,0641238765,"Vries, Jan de"\r\n`;
    expect(parseContactsCsv(text, 'contacts.csv')).toEqual([
      { key: 'JD', phone: '+31641238765', description: 'Vries, Jan de' },
    ]);
  });

  it('accepts a header with no contacts', () => {
    expect(parseContactsCsv(`${header}\n`, 'contacts.csv')).toEqual([]);
  });

  it('names the line of an invalid phone number, counting the header, without echoing the number', () => {
    const error = errorOf(`${header}\nJD,0641238765,Jan\n\nPK,06 2874,Pieter\n`);
    expect(error.message).toBe('contacts.csv:4: contact PK: phone is not a valid phone number');
    expect(error.message).not.toContain('2874');
    expect(error.exitCode).toBe(1);
  });

  it('names both lines of a duplicate key, compared the way subjects match (ignoring case)', () => {
    const text = `${header}\nJD,0641238765,Jan\nPK,0628741190,Pieter\nSB,0655302147,Sanne\njd,0619624408,Jan again\n`;
    expect(errorOf(text).message).toBe('contacts.csv:5: duplicate key jd (first on line 2)');
  });

  it('reports the first problem in the file first', () => {
    const text = `${header}\nJD,0641238765,Jan\nJD,0628741190,twice\nPK,not a phone,\n`;
    expect(errorOf(text).message).toBe('contacts.csv:3: duplicate key JD (first on line 2)');
  });

  it('rejects a row with too many or too few cells', () => {
    expect(errorOf(`${header}\nJD,0641238765,Jan,extra\n`).message).toBe(
      'contacts.csv:2: expected 3 cells: key,phone,description, found 4',
    );
    expect(errorOf(`${header}\nJD\n`).message).toBe(
      'contacts.csv:2: expected 3 cells: key,phone,description, found 1',
    );
  });

  it('rejects a key that is not one subject token', () => {
    expect(errorOf(`${header}\nJ D,0641238765,Jan\n`).message).toMatch(
      /^contacts\.csv:2: a key is 1 to 16 letters or digits/,
    );
  });

  it('rejects a missing phone and a description over 80 characters', () => {
    expect(errorOf(`${header}\nJD,,Jan\n`).message).toBe('contacts.csv:2: phone is required');
    expect(errorOf(`${header}\nJD,0641238765,${'x'.repeat(81)}\n`).message).toBe(
      'contacts.csv:2: description is at most 80 characters',
    );
  });

  it('rejects a wrong, incomplete or missing header', () => {
    const message = 'contacts.csv:1: the first line must be the header key,phone,description';
    expect(errorOf('name,number,description\nJD,0641238765,Jan\n').message).toBe(message);
    expect(errorOf('key,phone\nJD,0641238765\n').message).toBe(message);
    expect(errorOf('JD,0641238765,Jan\n').message).toBe(message);
    expect(errorOf('').message).toBe(message);
  });

  it('counts lines inside a quoted cell, so later rows keep their own line number', () => {
    const text = `${header}\nJD,0641238765,"Jan\nde Vries"\nPK,123,Pieter\n`;
    expect(errorOf(text).message).toBe('contacts.csv:4: contact PK: phone is not a valid phone number');
  });

  it('turns CSV syntax errors into file:line messages', () => {
    expect(errorOf(`${header}\nJD,0641238765,"Jan de Vries\n`).message).toMatch(
      /^contacts\.csv:\d+: a quoted cell is never closed$/,
    );
    expect(errorOf(`${header}\nJD,"0641238765"x,Jan\n`).message).toBe(
      'contacts.csv:2: a closing quote must be followed by a comma or the end of the line',
    );
  });
});

import { type Contact, createContactDirectory, isRoutingError, parseContact } from '@wygc/routing-core';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { inputError } from './cli-error.ts';

const expectedHeader = ['key', 'phone', 'description'] as const;

/** What csv-parse returns with `info: true`; checked because its typings do not model that option. */
const csvRecordsSchema = z.array(
  z.object({
    record: z.array(z.string()),
    info: z.object({ lines: z.number().int().positive() }),
  }),
);

/** A data row: key and phone, and a description that may be empty or left out. */
const contactCellsSchema = z
  .array(z.string())
  .min(2, 'expected 3 cells: key,phone,description')
  .max(3, 'expected 3 cells: key,phone,description');

interface CsvRow {
  readonly cells: readonly string[];
  /** 1-based line the row starts on, counting the header. */
  readonly line: number;
}

interface ContactRow {
  readonly contact: Contact;
  readonly line: number;
}

const csvProblems: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote must be followed by a comma or the end of the line',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell; put the whole cell in quotes and double the quote',
};

/** csv-parse reports the line a record ends on; a quoted cell may hold line breaks. */
const startLine = (cells: readonly string[], endLine: number): number =>
  endLine - cells.reduce((breaks, cell) => breaks + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

const readRows = (text: string, fileName: string): CsvRow[] => {
  let parsed: unknown;
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    throw inputError(`${fileName}:${line}: ${csvProblems[error.code] ?? 'this line cannot be read as CSV'}`);
  }
  return csvRecordsSchema
    .parse(parsed)
    .map(({ record, info }) => ({ cells: record, line: startLine(record, info.lines) }));
};

const checkHeader = (header: CsvRow | undefined, fileName: string): void => {
  const cells = header?.cells.map((cell) => cell.toLowerCase());
  const matches =
    cells?.length === expectedHeader.length && expectedHeader.every((name, i) => cells[i] === name);
  if (!matches) {
    throw inputError(
      `${fileName}:${header?.line ?? 1}: the first line must be the header ${expectedHeader.join(',')}`,
    );
  }
};

const toContact = (row: CsvRow, fileName: string): ContactRow => {
  const cells = contactCellsSchema.safeParse(row.cells);
  if (!cells.success) {
    throw inputError(
      `${fileName}:${row.line}: ${cells.error.issues[0]?.message ?? 'invalid row'}, found ${row.cells.length}`,
    );
  }
  const [key, phone, description] = cells.data;
  try {
    return { contact: parseContact({ key, phone, description }), line: row.line };
  } catch (error) {
    if (!isRoutingError(error)) throw error;
    throw inputError(`${fileName}:${row.line}: ${error.message}`);
  }
};

/**
 * Fails on a key already used above, compared the way subjects are matched (routing-core decides, so
 * "jd" repeats "JD" unless matching is case-sensitive). Rebuilding the directory per row keeps the
 * first error first; a team's contact list is small.
 */
const checkNewKey = (row: ContactRow, earlier: readonly ContactRow[], fileName: string): void => {
  const existing = createContactDirectory(earlier.map((e) => e.contact)).find(row.contact.key);
  const first = earlier.find((e) => e.contact === existing);
  if (first)
    throw inputError(
      `${fileName}:${row.line}: duplicate key ${row.contact.key} (first on line ${first.line})`,
    );
};

/**
 * Reads contacts.csv: a `key,phone,description` header, then one contact per line. Cells are trimmed;
 * a UTF-8 BOM, CRLF line ends and blank lines are fine. Any bad row fails the whole file with
 * `file:line: message` (the line counts the header), so a half-read team never routes calls.
 */
export const parseContactsCsv = (text: string, fileName: string): Contact[] => {
  const [header, ...rows] = readRows(text, fileName);
  checkHeader(header, fileName);
  const accepted: ContactRow[] = [];
  for (const row of rows) {
    const contact = toContact(row, fileName);
    checkNewKey(contact, accepted, fileName);
    accepted.push(contact);
  }
  return accepted.map((row) => row.contact);
};

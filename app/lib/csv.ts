// CSV for spreadsheet software (docs/decisions/0025-indicators-and-exports.md): RFC 4180 quoting by
// csv-stringify, CRLF line ends, `;` by default (French Excel and LibreOffice read it with comma decimals)
// or `,` (then decimals use a dot), a UTF-8 byte order mark first, and THE neutralisation of cells a
// spreadsheet would run as a formula. Pure; every export goes through csvRows.
import { stringify } from "csv-stringify/sync";

export const CSV_BOM = "\uFEFF";

export type CsvSeparator = ";" | ",";

/** `?sep=comma` asks for the `,` variant; anything else is the French default. */
export const csvSeparatorOf = (value: string | null): CsvSeparator => (value === "comma" ? "," : ";");

/** A plain number ("12", "-3.5", "-3,5"): not a formula, left as it is so that it stays a number. */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;
/** What a spreadsheet may take for the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that would start a formula is prefixed with `'`, which spreadsheets show as text. */
export function neutraliseCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | null | undefined;

/** Rows as CSV text (each row ends with CRLF). Numbers are written with the separator's decimal mark. */
export function csvRows(rows: readonly (readonly CsvCell[])[], separator: CsvSeparator): string {
  return stringify(rows as CsvCell[][], {
    delimiter: separator,
    record_delimiter: "\r\n",
    // RFC 4180: a field holding a line break, quote or separator is quoted (csv-stringify leaves a lone CR).
    quoted_match: /[\r\n]/,
    cast: {
      string: neutraliseCell,
      number: (value) => (separator === ";" ? String(value).replace(".", ",") : String(value)),
      boolean: (value) => (value ? "1" : "0"),
    },
  });
}

/** A decimal from the database ("12.5") written with the separator's decimal mark. */
export const csvDecimal = (value: string | null, separator: CsvSeparator) =>
  value === null ? null : separator === ";" ? value.replace(".", ",") : value;

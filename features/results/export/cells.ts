/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab / carriage return, which some spreadsheets
 * skip before reading a formula) is prefixed with a single quote so it is shown as text. Given to Papa Parse as
 * its `escapeFormulae`: tested on the first character only, so a multi-line cell is caught too (Papa's default
 * pattern ends in `.*$` and misses a cell whose formula is followed by a line break).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A value as the text of a CSV cell: null empty, dates in ISO 8601. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : typeof value === "string" ? value : String(value);
}

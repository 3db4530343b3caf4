/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab / carriage return, which some spreadsheets
 * skip before reading a formula) is prefixed with a single quote so it is shown as text. Given to Papa Parse as
 * its `escapeFormulae`: tested on the first character only, so a multi-line cell is caught too (Papa's default
 * pattern ends in `.*$` and misses a cell whose formula is followed by a line break).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

// Quoted when holding a line break, quote, comma or byte-order mark, or starting or ending with a space.
const NEEDS_QUOTES = /[\r\n",\ufeff]|^ | $/;

/**
 * One CSV cell as Papa Parse's `unparse` writes it with `escapeFormulae: FORMULA_START` (RFC 4180 quoting, formula
 * starters prefixed with a quote and quoted), byte for byte (cells.test.ts compares the two on random text). Written
 * out because Papa's general path (options looked up per cell) was a quarter of a 1M-row export's time.
 */
export function csvCell(text: string): string {
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  if (!NEEDS_QUOTES.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A value as the text of a CSV cell: null empty, dates in ISO 8601. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : typeof value === "string" ? value : String(value);
}

/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab / carriage return, which some
 * spreadsheets skip before reading a formula) is prefixed with a single quote so it is shown as text.
 */
export function neutralizeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

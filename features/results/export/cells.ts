// = + - @, and tab / carriage return, which some spreadsheets skip before reading a formula.
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab / carriage return) is prefixed with a
 * single quote so it is shown as text.
 */
export function neutralizeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : String(value);
  return s.length > 0 && FORMULA_START.has(s.charCodeAt(0)) ? `'${s}` : s;
}

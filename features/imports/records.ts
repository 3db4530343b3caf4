import Papa from "papaparse";
import type { z } from "zod";
import { NO_NUL, nulPath } from "@/platform/validation";
import type { IssueList } from "./errors";
import { openBytes, readLines, UnreadableFile, type Line } from "./lines";

export type Format = "jsonl" | "csv";
export type Located<T> = T & { line: number };
export type ReadOptions = {
  onBytes?: (n: number) => void;
  displayName?: string;
  maxDecompressedBytes?: number;
  /** Between alternative column sets in a missing-columns error (default: the judgments file's wording). */
  alternativesJoin?: string;
};

export function formatOf(file: string): Format {
  const base = file.toLowerCase().replace(/\.gz$/, "");
  if (base.endsWith(".csv")) return "csv";
  if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) return "jsonl";
  throw new Error(`${file}: unknown format: use a .jsonl or .csv file (optionally .gz)`);
}

/** `maybeNul`: whether a string of the record could hold a NUL (else the search for one is skipped). */
type RawRecord = { line: number; raw: unknown; maybeNul: boolean };

/**
 * Streams a JSONL or CSV file's records validated with `schema`, with their line numbers, one at a time: the file
 * is never held whole, so callers check duplicates as records arrive. Every problem is added to `issues`
 * (a NUL character anywhere is refused by field before the schema runs).
 */
export async function* readRecords<S extends z.ZodType>(
  file: string,
  schema: S,
  issues: IssueList,
  opts: { requiredColumns: readonly string[] | readonly (readonly string[])[] } & ReadOptions,
): AsyncGenerator<Located<{ value: z.output<S> }>> {
  const lines = readLines(openBytes(file, opts.onBytes, opts.maxDecompressedBytes));
  const raws =
    formatOf(file) === "jsonl"
      ? jsonRecords(lines, issues)
      : csvRecords(lines, issues, opts.requiredColumns, opts.alternativesJoin);
  let sawRecord = false;
  try {
    for await (const { line, raw, maybeNul } of raws) {
      sawRecord = true;
      const nul = maybeNul ? nulPath(raw) : null;
      if (nul) {
        issues.add(line, nul, NO_NUL);
      } else {
        const parsed = schema.safeParse(raw);
        if (parsed.success) yield { line, value: parsed.data };
        else {
          for (const issue of parsed.error.issues.slice(0, 3)) {
            issues.add(line, issue.path.length ? issue.path.join(".") : "(record)", issue.message);
          }
        }
      }
      if (issues.full) return;
    }
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    issues.add(0, "(file)", err.message);
    return;
  }
  if (!sawRecord && issues.issues.length === 0) issues.add(1, "(file)", "file is empty: no records found");
}

async function* jsonRecords(lines: AsyncIterable<Line>, issues: IssueList): AsyncGenerator<RawRecord> {
  for await (const l of lines) {
    if (issues.full) return;
    if ("error" in l) {
      issues.add(l.line, "(line)", l.error);
      continue;
    }
    if (l.text.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(l.text);
    } catch (e) {
      issues.add(l.line, "(json)", `invalid JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      issues.add(l.line, "(json)", "each line must be one JSON object");
      continue;
    }
    // JSON writes a NUL inside a string only as the escape \u0000 (a raw one is invalid JSON), so a line without
    // that text has none: the search of every string is skipped (it was a fifth of the parsing of a large file).
    yield { line: l.line, raw, maybeNul: l.text.includes("\\u0000") };
  }
}

/**
 * CSV records (RFC 4180, each parsed by Papa Parse) as objects by column, with the line each starts on, read line
 * by line: a record ends at a line break outside quotes, i.e. once it holds an even number of quote characters
 * (an escaped quote is two). Blank lines between records are skipped. A record with another number of fields
 * than the header, a malformed or unclosed quote, or a bad line stops the file (what follows cannot be trusted).
 */
async function* csvRecords(
  lines: AsyncIterable<Line>,
  issues: IssueList,
  required: readonly string[] | readonly (readonly string[])[],
  alternativesJoin = "; or, for ratings: ",
): AsyncGenerator<RawRecord> {
  // Either one set of columns, or alternatives (pairwise verdicts or ratings): the header must hold one set whole.
  const sets = (typeof required[0] === "string" ? [required] : required) as readonly (readonly string[])[];
  let header: string[] | null = null;
  let pending: string[] = [];
  let quotes = 0;
  let start = 0;
  for await (const l of lines) {
    if ("error" in l) {
      issues.add(l.line, "(line)", l.error);
      return;
    }
    if (pending.length === 0) {
      if (l.text === "") continue;
      start = l.line;
    }
    pending.push(l.text);
    for (let i = 0; i < l.text.length; i++) if (l.text.charCodeAt(i) === 34) quotes++;
    if (quotes % 2 === 1) continue;
    const parsed = Papa.parse<string[]>(pending.join("\n"));
    pending = [];
    quotes = 0;
    const fields = parsed.data[0] ?? [];
    const problem =
      parsed.errors[0]?.message ??
      (header && fields.length !== header.length
        ? `expected ${header.length} fields, found ${fields.length}`
        : null);
    if (problem) {
      issues.add(start, "(csv)", problem);
      return;
    }
    if (!header) {
      header = fields;
      const missing = sets.map((set) => set.filter((c) => !fields.includes(c)));
      if (missing.every((m) => m.length > 0)) {
        const message = missing.map((m) => m.join(", ")).join(alternativesJoin);
        issues.add(1, "(header)", `missing column(s): ${message}`);
        return;
      }
      continue;
    }
    const columns: string[] = header;
    yield { line: start, raw: Object.fromEntries(columns.map((c, i) => [c, fields[i]])), maybeNul: true };
  }
  if (pending.length) issues.add(start, "(csv)", "Quoted field unterminated");
}

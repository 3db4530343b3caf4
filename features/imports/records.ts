import Papa from "papaparse";
import type { z } from "zod";
import { NO_NUL, nulPath } from "@/platform/validation";
import { IssueList } from "./errors";
import { openBytes, readLines, UnreadableFile } from "./lines";

export type Format = "jsonl" | "csv";
export type Located<T> = T & { line: number };
export type ReadOptions = {
  onBytes?: (n: number) => void;
  displayName?: string;
  maxDecompressedBytes?: number;
};

export function formatOf(file: string): Format {
  const base = file.toLowerCase().replace(/\.gz$/, "");
  if (base.endsWith(".csv")) return "csv";
  if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) return "jsonl";
  throw new Error(`${file}: unknown format: use a .jsonl or .csv file (optionally .gz)`);
}

/**
 * Reads a JSONL or CSV file and validates each record with `schema`.
 * Returns the valid records with their line numbers; every problem is added to `issues`.
 */
export async function readRecords<S extends z.ZodType>(
  file: string,
  schema: S,
  issues: IssueList,
  opts: { requiredColumns: readonly string[] } & ReadOptions,
): Promise<Located<{ value: z.output<S> }>[]> {
  const out: Located<{ value: z.output<S> }>[] = [];
  const accept = (line: number, raw: unknown) => {
    const nul = nulPath(raw);
    if (nul) {
      issues.add(line, nul, NO_NUL);
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push({ line, value: parsed.data });
      return;
    }
    for (const issue of parsed.error.issues.slice(0, 3)) {
      issues.add(line, issue.path.length ? issue.path.join(".") : "(record)", issue.message);
    }
  };
  const bytes = openBytes(file, opts.onBytes, opts.maxDecompressedBytes);
  let sawRecord = false;
  try {
    sawRecord = await readInto(file, bytes, issues, opts, accept);
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    issues.add(0, "(file)", err.message);
    return out;
  }
  if (!sawRecord && issues.issues.length === 0) issues.add(1, "(file)", "file is empty: no records found");
  return out;
}

async function readInto(
  file: string,
  bytes: AsyncIterable<Buffer>,
  issues: IssueList,
  opts: { requiredColumns: readonly string[] },
  accept: (line: number, raw: unknown) => void,
): Promise<boolean> {
  let sawRecord = false;
  if (formatOf(file) === "jsonl") {
    for await (const l of readLines(bytes)) {
      if (issues.full) break;
      if ("error" in l) {
        issues.add(l.line, "(line)", l.error);
        continue;
      }
      if (l.text.trim() === "") continue;
      sawRecord = true;
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
      accept(l.line, raw);
    }
  } else {
    const text = await readCsvText(bytes, issues);
    if (text === null) return sawRecord;
    for (const row of csvRows(text, issues)) {
      if (row.header) {
        const missing = opts.requiredColumns.filter((c) => !row.fields.includes(c));
        if (missing.length > 0) {
          issues.add(1, "(header)", `missing column(s): ${missing.join(", ")}`);
          return sawRecord;
        }
        continue;
      }
      sawRecord = true;
      accept(row.line, row.record);
      if (issues.full) break;
    }
  }
  return sawRecord;
}

async function readCsvText(bytes: AsyncIterable<Buffer>, issues: IssueList): Promise<string | null> {
  const chunks: string[] = [];
  for await (const l of readLines(bytes)) {
    if ("error" in l) {
      issues.add(l.line, "(line)", l.error);
      return null;
    }
    chunks.push(l.text);
  }
  return chunks.join("\n");
}

type CsvRow =
  { header: true; fields: string[] } | { header: false; line: number; record: Record<string, string> };

/**
 * The rows of a CSV text (RFC 4180 via Papa Parse) with the line each starts on: the header first, then each
 * record as an object by column. Blank lines are skipped; a record with another number of fields than the header,
 * or a quote left open, is an issue at its line and stops the file (what follows cannot be trusted).
 */
function csvRows(withBom: string, issues: IssueList): CsvRow[] {
  const text = withBom.replace(/^\uFEFF/, "");
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let start = 0;
  let line = 1;
  let broken = false;
  Papa.parse<string[]>(text, {
    step: (r, parser) => {
      const rowLine = line;
      const end = r.meta.cursor;
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
      if (r.data.length === 1 && r.data[0] === "" && r.errors.length === 0) return;
      const problem =
        r.errors[0]?.message ??
        (header && r.data.length !== header.length
          ? `expected ${header.length} fields, found ${r.data.length}`
          : null);
      if (problem) {
        issues.add(rowLine, "(csv)", problem);
        broken = true;
        parser.abort();
        return;
      }
      if (!header) {
        header = r.data;
        rows.push({ header: true, fields: header });
        return;
      }
      const columns: string[] = header;
      rows.push({
        header: false,
        line: rowLine,
        record: Object.fromEntries(columns.map((c, i) => [c, r.data[i]])),
      });
    },
  });
  return broken ? rows.filter((r) => r.header) : rows;
}

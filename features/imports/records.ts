import { parse as parseCsv } from "csv-parse/sync";
import type { z } from "zod";
import { IssueList } from "./errors";
import { openBytes, readLines } from "./lines";

export type Format = "jsonl" | "csv";
export type Located<T> = T & { line: number };
export type ReadOptions = { onBytes?: (n: number) => void; displayName?: string };

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
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push({ line, value: parsed.data });
      return;
    }
    for (const issue of parsed.error.issues.slice(0, 3)) {
      issues.add(line, issue.path.length ? issue.path.join(".") : "(record)", issue.message);
    }
  };
  const bytes = openBytes(file, opts.onBytes);
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
    if (text === null) return out;
    let rows: { record: Record<string, string>; info: { lines: number } }[];
    try {
      rows = parseCsv(text, { columns: true, bom: true, info: true, skip_empty_lines: true, trim: false });
    } catch (e) {
      const err = e as Error & { lines?: number };
      issues.add(err.lines ?? 1, "(csv)", err.message.replace(/^Invalid Record Length: /, ""));
      return out;
    }
    const header = text.slice(0, text.search(/\r?\n|$/)).replace(/^\uFEFF/, "");
    const columns = parseCsv(header, { bom: true })[0] ?? [];
    const missing = opts.requiredColumns.filter((c) => !columns.includes(c));
    if (text.trim() !== "" && missing.length > 0) {
      issues.add(1, "(header)", `missing column(s): ${missing.join(", ")}`);
      return out;
    }
    let previousEnd = 1;
    for (const { record, info } of rows) {
      sawRecord = true;
      const line = previousEnd + 1;
      previousEnd = info.lines;
      accept(line, record);
      if (issues.full) break;
    }
  }
  if (!sawRecord && issues.issues.length === 0) issues.add(1, "(file)", "file is empty: no records found");
  return out;
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

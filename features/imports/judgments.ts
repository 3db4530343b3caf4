import { JUDGMENT_CSV_COLUMNS, judgmentRowSchema, type JudgmentRow } from "@/features/imports/schemas";
import { IssueList } from "./errors";
import { readRecords, type Located, type ReadOptions } from "./records";

export type ParsedJudgment = Located<JudgmentRow>;

/** Parses a judgments file (JSONL or CSV, one verdict per record). Throws ImportError. */
export async function parseJudgmentsFile(file: string, opts: ReadOptions = {}): Promise<ParsedJudgment[]> {
  const issues = new IssueList(opts.displayName ?? file);
  const rows: ParsedJudgment[] = [];
  for await (const { line, value } of readRecords(file, judgmentRowSchema, issues, {
    ...opts,
    requiredColumns: JUDGMENT_CSV_COLUMNS,
  })) {
    rows.push({ line, ...value });
  }
  issues.throwIfAny();
  return rows;
}

import {
  JUDGMENT_CSV_COLUMNS,
  judgmentRecordSchema,
  RATING_CSV_COLUMNS,
  type JudgmentRow,
  type RatingRow,
} from "@/features/imports/schemas";
import { IssueList } from "./errors";
import { readRecords, type Located, type ReadOptions } from "./records";

export type ParsedJudgment = Located<JudgmentRow>;
export type ParsedRating = Located<RatingRow>;

/** Parses a judgments file (JSONL or CSV, one pairwise verdict or one rating per record). Throws ImportError. */
export async function parseJudgmentsFile(
  file: string,
  opts: ReadOptions = {},
): Promise<(ParsedJudgment | ParsedRating)[]> {
  const issues = new IssueList(opts.displayName ?? file);
  const rows: (ParsedJudgment | ParsedRating)[] = [];
  for await (const { line, value } of readRecords(file, judgmentRecordSchema, issues, {
    ...opts,
    requiredColumns: [JUDGMENT_CSV_COLUMNS, RATING_CSV_COLUMNS],
  })) {
    rows.push({ line, ...value });
  }
  issues.throwIfAny();
  return rows;
}

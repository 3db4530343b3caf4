import { eq, sql } from "drizzle-orm";
import { IssueList } from "@/features/imports/errors";
import type { ParsedRating } from "@/features/imports/judgments";
import type { Db } from "@/platform/db/client";
import { comparisons, judgments, models, prompts, responses } from "@/db/schema";
import { chunks } from "@/platform/db/chunks";
import { ensureImportedAnnotators } from "./annotators";
import type { JudgmentsImportSummary } from "./judgments";

type Live = { row: ParsedRating; comparisonId: number; ratings: (number | null)[]; latest: number };

/**
 * Imports ratings into a rating study in one transaction: each record's label must be one of the study's scale;
 * a multi-turn response is rated turn by turn (`turn` from 1), a single response without `turn`. Per annotator and
 * item the latest record of each turn counts; a turn not in the file keeps the rating already stored.
 */
export async function importRatings(
  db: Db,
  args: {
    file: string;
    slug: string;
    study: { id: number; scale: string[] };
    rows: ParsedRating[];
    /** Problems found before (reported together with these). */
    issues?: IssueList;
    records?: number;
  },
): Promise<JudgmentsImportSummary> {
  const issues = args.issues ?? new IssueList(args.file);
  const { scale } = args.study;
  const items = await db
    .select({ id: comparisons.id, prompt: prompts.externalId, model: models.name, turns: responses.turns })
    .from(comparisons)
    .innerJoin(prompts, eq(prompts.id, comparisons.promptId))
    .innerJoin(models, eq(models.id, comparisons.baselineModelId))
    .innerJoin(responses, eq(responses.id, comparisons.baselineResponseId))
    .where(eq(comparisons.studyId, args.study.id));
  const byKey = new Map(items.map((i) => [`${i.prompt}\u0000${i.model}`, i]));
  const knownPrompts = new Set(items.map((i) => i.prompt));

  const live = new Map<string, Live>();
  const turnTimes = new Map<string, number>();
  for (const row of args.rows) {
    if (!knownPrompts.has(row.prompt_id)) {
      issues.add(row.line, "prompt_id", `no item for prompt "${row.prompt_id}" in study "${args.slug}"`);
      continue;
    }
    const item = byKey.get(`${row.prompt_id}\u0000${row.model}`);
    if (!item) {
      issues.add(
        row.line,
        "model",
        `no response of "${row.model}" to prompt "${row.prompt_id}" in this study`,
      );
      continue;
    }
    const label = scale.indexOf(row.rating);
    if (label < 0) {
      issues.add(
        row.line,
        "rating",
        `"${row.rating}" is not a label of the study's scale (${scale.join(", ")})`,
      );
      continue;
    }
    const turns = item.turns?.length ?? null;
    if (turns === null && row.turn !== undefined) {
      issues.add(row.line, "turn", "this response is a single answer: leave turn out");
      continue;
    }
    if (turns !== null && (row.turn === undefined || row.turn > turns)) {
      issues.add(row.line, "turn", `this response has ${turns} turns: give the turn rated, 1 to ${turns}`);
      continue;
    }
    const key = `${row.kind}\u0000${row.annotator}\u0000${item.id}`;
    const entry = live.get(key) ?? {
      row,
      comparisonId: item.id,
      ratings: new Array(turns ?? 1).fill(null),
      latest: -Infinity,
    };
    const index = (row.turn ?? 1) - 1;
    const time = row.created_at?.getTime() ?? -Infinity;
    const turnKey = `${key}\u0000${index}`;
    if (time >= (turnTimes.get(turnKey) ?? -Infinity)) {
      entry.ratings[index] = label;
      turnTimes.set(turnKey, time);
    }
    if (time >= entry.latest) entry.row = row;
    entry.latest = Math.max(entry.latest, time);
    live.set(key, entry);
  }
  issues.throwIfAny();

  return db.transaction(async (tx) => {
    const { userIds, newAnnotators } = await ensureImportedAnnotators(
      tx,
      [...live.values()].filter((r) => r.row.kind === "human").map((r) => r.row.annotator),
    );
    const now = new Date();
    let written = 0;
    const all = [...live.values()];
    // Turns missing from the file keep what is stored: the new array fills its gaps from the old one.
    const merged = sql`array(select coalesce(n, o) from unnest(excluded.ratings, ${judgments.ratings}) as t(n, o))`;
    for (const kind of ["human", "judge"] as const) {
      const values = all
        .filter((r) => r.row.kind === kind)
        .map((r) => ({
          comparisonId: r.comparisonId,
          kind,
          userId: kind === "human" ? userIds.get(r.row.annotator)! : null,
          judgeName: kind === "judge" ? r.row.annotator : null,
          ratings: r.ratings as number[],
          rationale: r.row.rationale ?? null,
          createdAt: r.row.created_at ?? now,
          updatedAt: now,
        }));
      for (const batch of chunks(values)) {
        const changed = await tx
          .insert(judgments)
          .values(batch)
          .onConflictDoUpdate({
            target:
              kind === "human"
                ? [judgments.comparisonId, judgments.userId]
                : [judgments.comparisonId, judgments.judgeName],
            targetWhere: kind === "human" ? undefined : sql`${judgments.ratings} is not null`,
            set: {
              ratings: merged,
              rationale: sql`excluded.rationale`,
              createdAt: sql`greatest(excluded.created_at, ${judgments.createdAt})`,
              updatedAt: sql`excluded.updated_at`,
            },
            // Never rewrite an identical rating.
            setWhere: sql`(${merged}, ${judgments.rationale}) is distinct from (${judgments.ratings}, excluded.rationale)`,
          })
          .returning({ id: judgments.id });
        written += changed.length;
      }
    }
    return {
      study: args.slug,
      records: args.records ?? args.rows.length,
      live: all.length,
      written,
      unchanged: all.length - written,
      newAnnotators,
    };
  });
}

import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { ImportError, ImportIssue } from "@/features/imports/errors";
import type { ItemsPlan } from "@/features/imports/items";
import { rowsOf, type Db } from "@/platform/db/client";
import { comparisons, models, prompts, studies } from "@/db/schema";
import { chunks } from "@/platform/db/chunks";
import { textArrayParam } from "@/platform/db/text-array";
import { findLeaks, leakMatcher } from "@/features/annotation";

export type ItemsImportSummary = {
  study: string;
  studyCreated: boolean;
  prompts: { written: number; total: number };
  responses: { written: number; total: number };
  comparisons: { created: number; total: number };
};

/** Names -> ids, creating models that do not exist yet. */
async function ensureModels(db: Db, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  await db
    .insert(models)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing();
  const rows = await db.select().from(models).where(inArray(models.name, names));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Runs an INSERT (an upsert that skips unchanged rows, or one that skips conflicts) and counts the rows written. */
async function countWritten(db: Db, insert: SQL): Promise<number> {
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`with ins as (${insert} returning 1) select count(*)::int as n from ins`),
  );
  return n;
}

/**
 * Creates or updates a study from a validated plan, in one transaction.
 * Rows whose content is unchanged are not touched, so re-importing a file writes nothing.
 */
export async function importItems(
  db: Db,
  args: { file: string; slug: string; title?: string; plan: ItemsPlan },
): Promise<ItemsImportSummary> {
  const { plan, slug } = args;
  const texts = (values: (string | null)[]) => sql.param(textArrayParam(db, values));
  return db.transaction(async (tx) => {
    const modelIds = await ensureModels(tx, plan.models);
    const referenceId = plan.reference === null ? null : modelIds.get(plan.reference)!;
    // Locked: two imports into one study run one after the other, so "empty" below stays true while this one writes.
    // Two imports creating one study at once: the second waits for the first's row, then merges into it.
    let [study] = await tx.select().from(studies).where(eq(studies.slug, slug)).for("update");
    let studyCreated = false;
    if (!study) {
      [study] = await tx
        .insert(studies)
        .values({
          slug,
          title: args.title ?? slug,
          design: plan.design,
          scale: plan.scale,
          referenceModelId: referenceId,
        })
        .onConflictDoNothing({ target: studies.slug })
        .returning();
      studyCreated = study !== undefined;
      if (!study) [study] = await tx.select().from(studies).where(eq(studies.slug, slug)).for("update");
    }
    if (!studyCreated) await checkStudyFits(tx, study, referenceId, args);

    // Into a study with no prompts yet, rows are plainly inserted: ON CONFLICT's speculative insertion cost half as
    // much again (0.75 s against 0.5 s for 125,000 rows), and nothing can conflict.
    const empty =
      studyCreated ||
      !(await tx.select({ id: prompts.id }).from(prompts).where(eq(prompts.studyId, study.id)).limit(1))
        .length;
    const onConflict = (clause: SQL) => (empty ? sql`` : clause);

    // Rows go to the database as one array parameter per column and batch, unpacked by unnest: one statement and
    // five parameters per 5,000 rows instead of one per field (125,000 responses: 5.9 s as multi-row upserts).
    // Arrays beat one JSON parameter through jsonb_to_recordset by 0.35-0.45 s for the 100k file. JSON columns go
    // as JSON text, cast in the statement; text arrays go in binary on a Postgres server (platform/db/text-array.ts).
    let promptsWritten = 0;
    for (const batch of chunks(plan.prompts, 5000)) {
      promptsWritten += await countWritten(
        tx,
        sql`insert into prompts (study_id, external_id, text, messages, category, source)
          select ${study.id}, x.external_id, x.text, x.messages::jsonb, x.category, x.source
          from unnest(${texts(batch.map((p) => p.externalId))}::text[], ${texts(batch.map((p) => p.text))}::text[],
            ${texts(batch.map((p) => (p.messages == null ? null : JSON.stringify(p.messages))))}::text[],
            ${texts(batch.map((p) => p.category ?? null))}::text[], ${texts(batch.map((p) => p.source ?? null))}::text[])
            as x(external_id, text, messages, category, source)
          ${onConflict(sql`on conflict (study_id, external_id) do update set text = excluded.text,
            messages = excluded.messages, category = excluded.category, source = excluded.source,
            render_version = null -- rendered again (renderStoredTexts); serving renders it until then
          where (prompts.text, prompts.messages, prompts.category, prompts.source)
            is distinct from (excluded.text, excluded.messages, excluded.category, excluded.source)`)}`,
      );
    }
    const promptRows = await tx
      .select({ id: prompts.id, externalId: prompts.externalId })
      .from(prompts)
      .where(eq(prompts.studyId, study.id));
    const promptIds = new Map(promptRows.map((r) => [r.externalId, r.id]));

    // The identity-leak guard: words naming a model or maker, found once here and kept with the response. Each
    // batch's rows, their leak search and its statement (texts encoded) are built while the database writes the
    // batch before (0.2-0.3 s of 5.8 s for 125,000 responses). One statement is in flight at a time, and the rows are
    // built without yielding, so its promise is awaited before its result can arrive and a failure stops the loop
    // with nothing else sent.
    const leaks = leakMatcher(plan.models);
    const responseRows = plan.prompts.flatMap((p) =>
      [...p.responses].map(([model, text]) => ({ promptId: promptIds.get(p.externalId)!, model, text, p })),
    );
    // Into an empty study, every response is new: the insert returns its id, and the comparisons are built from
    // these (prompt -> model -> response id) with no join back to the stored responses.
    const stored = empty ? new Map<number, Map<number, number>>() : null;
    const written = (insert: SQL) =>
      stored ? insertReturningIds(tx, insert, stored) : countWritten(tx, insert);
    let responsesWritten = 0;
    let inFlight: Promise<number> = Promise.resolve(0);
    for (const batch of chunks(responseRows, 5000)) {
      const cols = { prompt: [] as number[], model: [] as number[], text: [] as string[] };
      const json = { turns: [] as (string | null)[], leaks: [] as (string | null)[] };
      for (const r of batch) {
        const words = findLeaks(r.text, leaks);
        const turns = r.p.turns.get(r.model);
        cols.prompt.push(r.promptId);
        cols.model.push(modelIds.get(r.model)!);
        cols.text.push(r.text);
        json.turns.push(turns === undefined ? null : JSON.stringify(turns));
        json.leaks.push(words.length ? JSON.stringify(words) : null);
      }
      const insert = sql`insert into responses (prompt_id, model_id, text, turns, leak_words)
          select x.prompt_id, x.model_id, x.text, x.turns::jsonb,
            case when x.leaks is not null then array(select w from jsonb_array_elements_text(x.leaks::jsonb)
              with ordinality as l(w, i) order by i) end
          from unnest(${sql.param(cols.prompt)}::int[], ${sql.param(cols.model)}::int[], ${texts(cols.text)}::text[],
            ${texts(json.turns)}::text[], ${texts(json.leaks)}::text[]) as x(prompt_id, model_id, text, turns, leaks)
          ${onConflict(sql`on conflict (prompt_id, model_id) do update set text = excluded.text,
            turns = excluded.turns, leak_words = excluded.leak_words, render_version = null
          where (responses.text, responses.turns, responses.leak_words)
            is distinct from (excluded.text, excluded.turns, excluded.leak_words)`)}`;
      responsesWritten += await inFlight;
      inFlight = written(insert);
    }
    responsesWritten += await inFlight;

    // All pairs: every two models of a prompt, the first by name in the "reference" columns. Rating: each response
    // alone, in both columns. Into an empty study, built here from the new responses' ids and sent as four integer
    // arrays; else by the database from the stored responses in one statement. (100,000 comparisons were 9.9 s as
    // client-built rows of parameters; the join back to the responses was 0.45 s of the 6.3 s for the 100k file.)
    const pairs =
      plan.design === "rating"
        ? plan.models.map((m) => [modelIds.get(m)!, modelIds.get(m)!] as const)
        : referenceId === null
          ? plan.models.flatMap((a, i) =>
              plan.models.slice(i + 1).map((b) => [modelIds.get(a)!, modelIds.get(b)!] as const),
            )
          : plan.baselines.map((b) => [referenceId, modelIds.get(b)!] as const);
    const comparisonsCreated = stored
      ? await insertComparisons(tx, study.id, pairs, stored)
      : await countWritten(
          tx,
          sql`with pair as (
              select * from unnest(${sql.param(pairs.map((p) => p[0]))}::int[], ${sql.param(pairs.map((p) => p[1]))}::int[])
                with ordinality as x(first_id, second_id, ord))
            insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id, baseline_model_id)
              select ${study.id}, ra.prompt_id, ra.id, rb.id, rb.model_id
              from pair join responses ra on ra.model_id = pair.first_id
                join prompts p on p.id = ra.prompt_id and p.study_id = ${study.id}
                join responses rb on rb.prompt_id = ra.prompt_id and rb.model_id = pair.second_id
              order by ra.prompt_id, pair.ord
            on conflict do nothing`,
        );
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(comparisons)
      .where(and(eq(comparisons.studyId, study.id), isNull(comparisons.checkKind)));

    return {
      study: slug,
      studyCreated,
      prompts: { written: promptsWritten, total: plan.prompts.length },
      responses: { written: responsesWritten, total: responseRows.length },
      comparisons: { created: comparisonsCreated, total },
    };
  });
}

/** Runs a responses INSERT, records each written row's id by prompt and model, and counts them. */
async function insertReturningIds(
  db: Db,
  insert: SQL,
  stored: Map<number, Map<number, number>>,
): Promise<number> {
  // The three aggregates read the rows in one order, so their arrays line up.
  const [row] = rowsOf<{ ids: number[] | null; prompts: number[] | null; models: number[] | null }>(
    await db.execute(sql`with ins as (${insert} returning id, prompt_id, model_id)
      select array_agg(id) as ids, array_agg(prompt_id) as prompts, array_agg(model_id) as models from ins`),
  );
  const ids = row.ids ?? [];
  ids.forEach((id, i) => {
    const promptId = row.prompts![i];
    let byModel = stored.get(promptId);
    if (!byModel) stored.set(promptId, (byModel = new Map()));
    byModel.set(row.models![i], id);
  });
  return ids.length;
}

/**
 * The comparisons of `pairs` (model ids: the "reference" column's, the baseline's) for every prompt with both
 * responses, in the order the database's join gives (by prompt id, then pair), as one INSERT of four arrays.
 */
async function insertComparisons(
  db: Db,
  studyId: number,
  pairs: readonly (readonly [number, number])[],
  stored: Map<number, Map<number, number>>,
): Promise<number> {
  const cols: [number[], number[], number[], number[]] = [[], [], [], []];
  for (const promptId of [...stored.keys()].sort((a, b) => a - b)) {
    const byModel = stored.get(promptId)!;
    for (const [first, second] of pairs) {
      const a = byModel.get(first);
      const b = byModel.get(second);
      if (a === undefined || b === undefined) continue;
      cols[0].push(promptId);
      cols[1].push(a);
      cols[2].push(b);
      cols[3].push(second);
    }
  }
  if (cols[0].length === 0) return 0;
  return countWritten(
    db,
    sql`insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id, baseline_model_id)
      select ${studyId}, x.prompt_id, x.a, x.b, x.model_id
      from unnest(${sql.param(cols[0])}::int[], ${sql.param(cols[1])}::int[], ${sql.param(cols[2])}::int[],
        ${sql.param(cols[3])}::int[]) as x(prompt_id, a, b, model_id)`,
  );
}

/** An import into an existing study must match its design, scale and reference; a new title replaces the old. */
async function checkStudyFits(
  tx: Db,
  study: typeof studies.$inferSelect,
  referenceId: number | null,
  args: { file: string; slug: string; title?: string; plan: ItemsPlan },
): Promise<void> {
  const { plan, slug } = args;
  if (study.design !== plan.design) {
    throw new ImportError([
      new ImportIssue(
        args.file,
        0,
        "--design",
        `study "${slug}" has the ${study.design.replace("_", "-")} design`,
      ),
    ]);
  } else if (plan.scale && JSON.stringify(study.scale) !== JSON.stringify(plan.scale)) {
    throw new ImportError([
      new ImportIssue(args.file, 0, "--scale", `study "${slug}" rates on ${study.scale!.join(", ")}`),
    ]);
  } else if (study.referenceModelId !== referenceId) {
    const [ref] = await tx.select().from(models).where(eq(models.id, study.referenceModelId!));
    throw new ImportError([
      new ImportIssue(args.file, 0, "--reference", `study "${slug}" already has reference "${ref?.name}"`),
    ]);
  } else if (args.title && args.title !== study.title) {
    await tx.update(studies).set({ title: args.title }).where(eq(studies.id, study.id));
  }
}

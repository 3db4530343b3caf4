// The keys between prompts, responses, comparisons and models are checked per statement by triggers (migration
// 0019), not by foreign keys: these tests hold the triggers to what the foreign keys did.
import pg from "pg";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pgErrorOf, rowsOf, type Db } from "@/platform/db/client";
import { createTestDb, testServerUrl, testTargets, useTestDb } from "@/test-utils/db";

/**
 * Two studies; study 1 has prompts 1 and 2, each answered by models ref (1) and b1 (2) (responses 1-4), and their
 * comparisons (1, 2); study 2 has prompt 3, answered by ref (response 5). Model 3 has no responses.
 */
async function seed(db: Db): Promise<void> {
  // Identities restart, so the rows below get the ids 1, 2, ... in the order written.
  await db.execute(sql`truncate studies, models, prompts, responses, comparisons, comparison_queue
    restart identity cascade`);
  await db.execute(sql`insert into models (name) values ('ref'), ('b1'), ('unused')`);
  await db.execute(
    sql`insert into studies (slug, title, reference_model_id) values ('s1', 's1', 1), ('s2', 's2', 1)`,
  );
  await db.execute(sql`insert into prompts (study_id, external_id, text)
    values (1, 'p1', 'one?'), (1, 'p2', 'two?'), (2, 'p3', 'three?')`);
  await db.execute(sql`insert into responses (prompt_id, model_id, text)
    values (1, 1, 'r1'), (1, 2, 'b1'), (2, 1, 'r2'), (2, 2, 'b2'), (3, 1, 'r3')`);
  await db.execute(sql`insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id,
    baseline_model_id) values (1, 1, 1, 2, 2), (1, 2, 3, 4, 2)`);
}

/** The SQLSTATE and constraint a statement fails with, or null when it succeeds. */
async function failure(db: Db, statement: SQL): Promise<{ code: string; constraint?: string } | null> {
  return db.execute(statement).then(
    () => null,
    (err: unknown) => pgErrorOf(err),
  );
}

const count = async (db: Db, table: string) =>
  rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0].n;

const violation = (constraint: string) => ({ code: "23503", constraint });

describe.each(testTargets())("key triggers on %s", (target) => {
  const db = useTestDb(target);
  beforeEach(() => seed(db));

  it("refuse a whole insert in which one response's prompt or model is missing", async () => {
    expect(
      await failure(
        db,
        sql`insert into responses (prompt_id, model_id, text) values (1, 3, 'ok'), (99, 1, 'x')`,
      ),
    ).toEqual(violation("responses_prompt_id_prompts_id_fk"));
    expect(
      await failure(db, sql`insert into responses (prompt_id, model_id, text) values (3, 99, 'x')`),
    ).toEqual(violation("responses_model_id_models_id_fk"));
    expect(await count(db, "responses")).toBe(5);
    expect(
      await failure(db, sql`insert into responses (prompt_id, model_id, text) values (3, 2, 'ok')`),
    ).toBeNull();
  });

  it("say which key is missing, as Postgres words its own", async () => {
    const err = await db
      .execute(sql`insert into responses (prompt_id, model_id, text) values (77, 1, 'x')`)
      .then(
        () => null,
        (e: unknown) => (e as { cause?: { message: string; detail: string; table: string } }).cause,
      );
    expect({ message: err?.message, detail: err?.detail, table: err?.table }).toEqual({
      message:
        'insert or update on table "responses" violates foreign key constraint "responses_prompt_id_prompts_id_fk"',
      detail: 'Key (prompt_id)=(77) is not present in table "prompts".',
      table: "responses",
    });
    const composite = await db
      .execute(
        sql`insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id,
        baseline_model_id) values (2, 1, 1, 2, 2)`,
      )
      .then(
        () => null,
        (e: unknown) => (e as { cause?: { detail: string } }).cause?.detail,
      );
    expect(composite).toBe('Key (prompt_id, study_id)=(1, 2) is not present in table "prompts".');
  });

  it("refuse a comparison whose prompt is not of its study, or whose responses or model do not match", async () => {
    const insert = (study: number, prompt: number, ref: number, base: number, model: number) =>
      failure(
        db,
        sql`insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id,
        baseline_model_id) values (${study}, ${prompt}, ${ref}, ${base}, ${model})`,
      );
    // Each a new (study, reference, baseline) pair: a duplicate would be refused by its unique index first.
    expect(await insert(2, 1, 1, 2, 2)).toEqual(violation("comparisons_prompt_study_fk"));
    expect(await insert(1, 99, 1, 4, 2)).toEqual(violation("comparisons_prompt_study_fk"));
    expect(await insert(1, 1, 99, 2, 2)).toEqual(
      violation("comparisons_reference_response_id_responses_id_fk"),
    );
    expect(await insert(1, 1, 3, 2, 1)).toEqual(violation("comparisons_baseline_model_fk"));
    expect(await insert(1, 1, 3, 99, 2)).toEqual(violation("comparisons_baseline_model_fk"));
    expect(await count(db, "comparisons")).toBe(2);
    expect(await insert(1, 1, 3, 2, 2)).toBeNull();
    // A statement that inserts no row checks nothing and passes.
    expect(
      await failure(
        db,
        sql`insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id,
        baseline_model_id) select study_id, prompt_id, reference_response_id, baseline_response_id, baseline_model_id
        from comparisons where false`,
      ),
    ).toBeNull();
    expect(
      await failure(db, sql`insert into responses (prompt_id, model_id, text) select 1, 1, 'x' where false`),
    ).toBeNull();
  });

  it("refuse changing a row's keys to ones that do not exist, and allow other changes", async () => {
    expect(await failure(db, sql`update responses set model_id = 99 where id = 5`)).toEqual(
      violation("responses_model_id_models_id_fk"),
    );
    expect(await failure(db, sql`update comparisons set reference_response_id = 99 where id = 1`)).toEqual(
      violation("comparisons_reference_response_id_responses_id_fk"),
    );
    expect(await failure(db, sql`update responses set model_id = 3 where id = 5`)).toBeNull();
    expect(await failure(db, sql`update comparisons set reference_response_id = 3 where id = 1`)).toBeNull();
  });

  it("refuse changing a key that rows refer to", async () => {
    expect(await failure(db, sql`update prompts set id = 50 where id = 1`)).toEqual(
      violation("responses_prompt_id_prompts_id_fk"),
    );
    expect(await failure(db, sql`update prompts set study_id = 2 where id = 1`)).toEqual(
      violation("comparisons_prompt_study_fk"),
    );
    expect(await failure(db, sql`update responses set id = 50 where id = 1`)).toEqual(
      violation("comparisons_reference_response_id_responses_id_fk"),
    );
    expect(await failure(db, sql`update responses set model_id = 3 where id = 2`)).toEqual(
      violation("comparisons_baseline_model_fk"),
    );
    expect(await failure(db, sql`update models set id = 50 where id = 2`)).toEqual(
      violation("responses_model_id_models_id_fk"),
    );
    // Nothing refers to these: a new prompt, and the model without responses.
    await db.execute(sql`insert into prompts (study_id, external_id, text) values (2, 'p4', 'four?')`);
    expect(
      await failure(db, sql`update prompts set id = 50, study_id = 1 where external_id = 'p4'`),
    ).toBeNull();
    expect(await failure(db, sql`update models set id = 50 where id = 3`)).toBeNull();
    expect(rowsOf(await db.execute(sql`select id from models order by id`))).toEqual([
      { id: 1 },
      { id: 2 },
      { id: 50 },
    ]);
  });

  it("delete a prompt's responses and comparisons with it, and a response's comparisons with it", async () => {
    await db.execute(
      sql`insert into judgments (comparison_id, judge_name, kind, verdict) values (1, 'j', 'judge', 'tie')`,
    );
    await db.execute(sql`delete from responses where id = 4`);
    expect(rowsOf(await db.execute(sql`select id from comparisons order by id`))).toEqual([{ id: 1 }]);
    await db.execute(sql`delete from prompts where id = 1`);
    expect(await count(db, "comparisons")).toBe(0);
    expect(await count(db, "judgments")).toBe(0); // by the judgments' own foreign key
    expect(await count(db, "comparison_queue")).toBe(0);
    expect(rowsOf(await db.execute(sql`select id from responses order by id`))).toEqual([
      { id: 3 },
      { id: 5 },
    ]);
  });

  it("delete everything of a study with it, and nothing of another", async () => {
    await db.execute(sql`delete from studies where id = 1`);
    expect(await count(db, "prompts")).toBe(1);
    expect(rowsOf(await db.execute(sql`select id from responses`))).toEqual([{ id: 5 }]);
    expect(await count(db, "comparisons")).toBe(0);
  });

  it("refuse deleting a model with responses", async () => {
    expect(await failure(db, sql`delete from models where id in (2, 3)`)).toEqual(
      violation("responses_model_id_models_id_fk"),
    );
    expect(await count(db, "models")).toBe(3);
    expect(await failure(db, sql`delete from models where id = 3`)).toBeNull();
  });

  it("refuse emptying a table that rows refer to, unless they go in the same statement", async () => {
    expect(await failure(db, sql`truncate prompts`)).toMatchObject({ code: "23503" });
    expect(await failure(db, sql`truncate responses`)).toMatchObject({ code: "23503" });
    expect(await failure(db, sql`truncate models cascade`)).toMatchObject({ code: "23503" });
    expect(await count(db, "responses")).toBe(5);
    expect(await failure(db, sql`truncate prompts, responses, comparisons cascade`)).toBeNull();
    expect(await count(db, "prompts")).toBe(0);
  });
});

// Two sessions at once: the locks the checks take keep a concurrent delete from leaving orphans.
describe.skipIf(!testServerUrl())("key triggers under concurrent transactions (Postgres)", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let a: pg.Client;
  let b: pg.Client;
  beforeAll(async () => {
    handle = await createTestDb("postgres");
    a = new pg.Client({ connectionString: handle.url });
    b = new pg.Client({ connectionString: handle.url });
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a?.end(), b?.end()]);
    await handle?.drop();
  });
  beforeEach(() => seed(handle.db));

  /** Whether a promise is still pending after the other session has had time to act. */
  const stillWaiting = async (p: Promise<unknown>) =>
    Promise.race([
      p.then(
        () => false,
        () => false,
      ),
      new Promise((r) => setTimeout(() => r(true), 300)),
    ]);

  it("a delete waits for an insert that checked its parent, and then takes the new row with it", async () => {
    await a.query("begin");
    await a.query("insert into responses (prompt_id, model_id, text) values (3, 2, 'new')");
    const deleting = b.query("delete from prompts where id = 3");
    expect(await stillWaiting(deleting)).toBe(true);
    await a.query("commit");
    await deleting;
    expect((await a.query("select count(*)::int as n from responses where prompt_id = 3")).rows[0].n).toBe(0);
  });

  it("an insert that waited for a delete of its parent is refused", async () => {
    await b.query("begin");
    await b.query("delete from prompts where id = 3");
    const inserting = a.query("insert into responses (prompt_id, model_id, text) values (3, 2, 'new')").then(
      () => null,
      (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
    );
    expect(await stillWaiting(inserting)).toBe(true);
    await b.query("commit");
    expect(await inserting).toEqual(violation("responses_prompt_id_prompts_id_fk"));
  });

  it("a model's delete waits for an insert that uses it, and is then refused", async () => {
    await a.query("begin");
    await a.query("insert into responses (prompt_id, model_id, text) values (3, 3, 'new')");
    const deleting = b.query("delete from models where id = 3").then(
      () => null,
      (e: { code?: string }) => e.code,
    );
    expect(await stillWaiting(deleting)).toBe(true);
    await a.query("commit");
    expect(await deleting).toBe("23503");
  });
});

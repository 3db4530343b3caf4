import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/platform/db/client";
import { textArrayParam } from "@/platform/db/text-array";
import { testTargets, useTestDb } from "@/test-utils/db";

describe.each(testTargets())("text[] parameters on %s", (target) => {
  const db = useTestDb(target);

  it("arrive as sent: NULLs, empty and awkward texts, non-Latin text, in order", async () => {
    expect(Buffer.isBuffer(textArrayParam(db, []))).toBe(target === "postgres"); // binary on a Postgres server
    const values = [
      'quote " and \\ backslash',
      null,
      "",
      "{braces},commas",
      "NULL",
      "tab\tnewline\n",
      "日本語 ✓",
    ];
    for (const sent of [values, [], [null], ["x".repeat(100_000)]]) {
      const [row] = rowsOf<{ got: (string | null)[] }>(
        await db.execute(sql`select ${sql.param(textArrayParam(db, sent))}::text[] as got`),
      );
      expect(row.got).toEqual(sent);
    }
  });
});

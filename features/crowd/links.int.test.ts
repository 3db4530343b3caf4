import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { createTestDb } from "@/test-utils/db";
import { makeStudy } from "@/test-utils/fixtures";
import { findOrCreateWorker } from "@/features/users/queries";
import { activeLink, createLink, joinUrl, linksOfStudy, revokeLink } from "./links";

describe("crowd links", () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await createTestDb()));
  afterAll(() => drop());

  it("creates unguessable links with parameter names and a completion code; a revoked link no longer works", async () => {
    const study = await makeStudy(db, { slug: "links", prompts: 1 });
    const link = await createLink(db, {
      studyId: study.id,
      workerParam: "workerId",
      completionCode: "DONE-1",
    });
    const other = await createLink(db, { studyId: study.id });
    expect(link.token).toMatch(/^[\w-]{24}$/);
    expect(link.token).not.toBe(other.token);
    expect(other.completionCode).toMatch(/^[0-9A-F]{12}$/);
    expect(link).toMatchObject({
      workerParam: "workerId",
      studyParam: "STUDY_ID",
      sessionParam: "SESSION_ID",
    });
    expect(joinUrl("https://v.example/", link.token)).toBe(`https://v.example/join/${link.token}`);
    expect(await activeLink(db, link.token)).toMatchObject({ id: link.id });
    await revokeLink(db, { id: link.id });
    expect(await activeLink(db, link.token)).toBeNull();
    expect(await activeLink(db, other.token)).not.toBeNull();
    expect((await linksOfStudy(db, study.id)).map((l) => l.revokedAt !== null)).toEqual([true, false]);
  });

  it("keys crowd identities by worker id: the same worker gets the same user", async () => {
    const a = await findOrCreateWorker(db, "PROLIFIC_PID:w1");
    const b = await findOrCreateWorker(db, "PROLIFIC_PID:w1");
    const c = await findOrCreateWorker(db, "PROLIFIC_PID:w2");
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(a).toMatchObject({ role: "annotator", group: "crowd", email: null, passwordHash: null });
  });
});

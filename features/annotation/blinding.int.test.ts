import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeAnnotators, makeStudy, rulesOf } from "@/test-utils/fixtures";
import { testTargets, useTestDb } from "@/test-utils/db";
import { submitJudgment, type StudyRules } from "./queries/assignments";
import { nextAssignment } from "./queries/serving";

// The red-team attack on blinding: an annotator served two comparisons of one prompt sees the reference's
// response twice, so it is the reference (certain before answering, or in retrospect), and blocks of two sides
// then give away each such item's partner. The annotator below tries both over 300 items.
const BASELINES = ["b1", "b2", "b3", "b4", "b5"];

type Seen = { prompt: string; left: string; right: string; truth: "left" | "right" };

/** The attacker: a response seen in two items of one prompt is the reference; a known side predicts its pair partner. */
function attack(items: Seen[]) {
  const known = new Map<number, "left" | "right">();
  let certainBeforeAnswering = 0;
  items.forEach((item, i) => {
    for (let j = 0; j < items.length; j++) {
      if (j === i || items[j].prompt !== item.prompt) continue;
      const shared = [items[j].left, items[j].right];
      const side = shared.includes(item.left) ? "left" : shared.includes(item.right) ? "right" : null;
      if (side) {
        known.set(i, side);
        if (j < i) certainBeforeAnswering++;
        break;
      }
    }
  });
  const predicted = items.map((_, i) => {
    if (known.has(i)) return known.get(i)!;
    const partner = i ^ 1; // blocks of two: the partner shows the reference on the other side
    if (known.has(partner)) return known.get(partner) === "left" ? "right" : "left";
    return "left"; // no information: a guess
  });
  const correct = predicted.filter((p, i) => p === items[i].truth).length;
  return { certainBeforeAnswering, inferred: known.size, accuracy: correct / items.length };
}

async function labelAll(
  db: ReturnType<typeof useTestDb>,
  rules: StudyRules,
  userId: string,
  limit: number,
): Promise<Seen[]> {
  const seen: Seen[] = [];
  while (seen.length < limit) {
    const next = await nextAssignment(db, { rules, userId, secret: "blinding-secret" });
    if (next.kind !== "item") break;
    seen.push({
      prompt: next.content.prompt.html ?? "",
      left: next.content.left,
      right: next.content.right,
      truth: next.assignment.referenceSide,
    });
    await submitJudgment(db, {
      rules,
      userId,
      token: next.assignment.id,
      choice: "tie",
      requestId: randomUUID(),
    });
  }
  return seen;
}

describe.each(testTargets())("blinding against inference on %s", (target) => {
  const db = useTestDb(target);

  it("an annotator who tries both inferences over 300 items does no better than chance", async () => {
    const study = await makeStudy(db, { slug: "blind-300", prompts: 300, baselines: BASELINES });
    const [u] = await makeAnnotators(db, study.id, 1);
    const items = await labelAll(db, rulesOf(study), u.id, 400);
    expect(items).toHaveLength(300); // one comparison per prompt: as many items as prompts
    expect(new Set(items.map((i) => i.prompt)).size).toBe(300);
    const result = attack(items);
    expect(result.certainBeforeAnswering).toBe(0);
    expect(result.inferred).toBe(0);
    // 300 items: chance is 0.5 with a standard error of 0.029.
    expect(Math.abs(result.accuracy - 0.5)).toBeLessThan(0.12);
  }, 120_000);

  it("the setting can be turned off, and then the same attack works (what the setting protects against)", async () => {
    const study = await makeStudy(db, {
      slug: "blind-off",
      prompts: 30,
      baselines: BASELINES,
      onePerPrompt: false,
    });
    const [u] = await makeAnnotators(db, study.id, 1);
    const items = await labelAll(db, rulesOf(study), u.id, 150);
    expect(items).toHaveLength(150);
    const result = attack(items);
    expect(result.certainBeforeAnswering).toBeGreaterThan(0);
    expect(result.accuracy).toBeGreaterThan(0.8);
  }, 120_000);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStates } from "./fixtures/data";
import { ResultsPage } from "./pages/results-page";
import { WorkspacePage } from "./pages/workspace-page";

test.use({ storageState: storageStates.researcher });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-e2e-upload-"));
const demo = fs.readFileSync("data/demo/lima-demo.jsonl", "utf8").trim().split("\n").slice(0, 8);
const verdict = (prompt: number, winner: string, annotator: string) =>
  JSON.stringify({
    prompt_id: `lima-${prompt}`,
    model_a: "tulu-2-dpo-70b",
    model_b: "gpt-4-0613",
    winner,
    annotator,
    kind: "human",
  });

test("a researcher creates a study from a file; a bad file shows its line errors and writes nothing", async ({
  page,
}) => {
  const workspace = new WorkspacePage(page);
  const bad = [...demo];
  bad[2] = JSON.stringify({ prompt_id: "lima-2", prompt: "x", responses: { "gpt-4-0613": 3 } });
  fs.writeFileSync(path.join(dir, "bad.jsonl"), bad.join("\n"));
  await workspace.createStudy(
    { slug: "e2e-upload", title: "Uploaded in the browser", reference: "tulu-2-dpo-70b" },
    path.join(dir, "bad.jsonl"),
  );
  await expect(workspace.newStudyErrors()).toContainText(
    "3: responses.gpt-4-0613: a response text, or a list of assistant turns",
  );
  await expect(workspace.newStudyErrors()).toContainText("nothing was written");
  expect((await page.request.get("/studies/e2e-upload")).status()).toBe(404);

  fs.writeFileSync(path.join(dir, "items.jsonl"), demo.join("\n"));
  await workspace.createStudy(
    {
      slug: "e2e-upload",
      title: "Uploaded in the browser",
      reference: "tulu-2-dpo-70b",
      baselines: "gpt-4-0613",
    },
    path.join(dir, "items.jsonl"),
  );
  await expect(page).toHaveURL(/\/studies\/e2e-upload$/);
  await expect(page.getByTestId("study-title")).toHaveText("Uploaded in the browser");
  await expect(page.getByTestId("study-prompts")).toHaveText("8");
  await expect(page.getByTestId("study-comparisons")).toHaveText("8");
});

test("verdicts uploaded on the study page; excluding an annotator changes the results and says so", async ({
  page,
}) => {
  const workspace = new WorkspacePage(page);
  // r-careful prefers the reference on prompts 0-5; r-contrary prefers the baseline on 0-3.
  const lines = [
    ...[0, 1, 2, 3, 4, 5].map((p) => verdict(p, "model_a", "r-careful")),
    ...[0, 1, 2, 3].map((p) => verdict(p, "model_b", "r-contrary")),
  ];
  fs.writeFileSync(path.join(dir, "verdicts.jsonl"), lines.join("\n"));
  await workspace.uploadJudgments("e2e-upload", path.join(dir, "verdicts.jsonl"));
  await page.reload();
  await expect(workspace.annotatorRows()).toHaveCount(2);

  const results = new ResultsPage(page);
  await results.goto("e2e-upload");
  const row = results.rows("human").filter({ hasText: "gpt-4-0613" });
  await expect(row).toContainText("10 (6, 2)"); // 10 verdicts on 6 prompts by 2 annotators
  const contrary = (
    await page.request.get("/api/studies/e2e-upload/export?format=jsonl").then((r) => r.text())
  )
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    .find((r) => r.verdict === "baseline").annotator as string;

  await workspace.exclude("e2e-upload", contrary, "answered against every instruction");
  await results.goto("e2e-upload");
  await expect(page.getByTestId("exclusion-notice")).toContainText(
    `${contrary}: answered against every instruction`,
  );
  await expect(row).toContainText("6 (6, 1)");
  await expect(row).toContainText("6 · 100.0%");
  // The export keeps the excluded verdicts, marked.
  const exported = await page.request
    .get("/api/studies/e2e-upload/export?format=jsonl")
    .then((r) => r.text());
  const marked = exported
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(marked.filter((r) => r.excluded === "annotator")).toHaveLength(4);
});

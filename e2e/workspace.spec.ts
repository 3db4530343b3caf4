import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStates } from "./fixtures/data";
import { ResultsPage } from "./pages/results-page";
import { WorkspacePage } from "./pages/workspace-page";
import { limaVerdict as verdict } from "../test-utils/lima-verdicts";

test.use({ storageState: storageStates.researcher });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-e2e-upload-"));
const demo = fs.readFileSync("data/demo/lima-demo.jsonl", "utf8").trim().split("\n").slice(0, 8);

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

test("a researcher creates an API token, uses it, and revokes it", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByTestId("create-token");
  await form.getByLabel("Name").fill("e2e notebook");
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = await page.getByTestId("create-token-result").textContent();
  const token = /vdt_[A-Za-z0-9_-]{43}/.exec(shown ?? "")![0];
  const stats = () =>
    page.request.get("/api/v1/studies/lima-demo/stats", { headers: { authorization: `Bearer ${token}` } });
  expect((await stats()).status()).toBe(200);
  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: "e2e notebook" });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).not.toContainText(token);
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await stats()).status()).toBe(401);
});

test("the figure downloads as SVG and PNG; the theme switches to dark and stays", async ({ page }) => {
  await page.goto("/studies/lima-demo/results");
  const figure = page.getByTestId("figure-human").locator("..");
  for (const [label, ext, head] of [
    ["Download SVG", "svg", "<svg"],
    ["Download PNG", "png", "\u0089PNG"],
  ]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      figure.getByRole("button", { name: label }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`figure-human.${ext}`);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe(head.slice(0, 4));
  }
  // Whiskers are drawn (one pair per baseline with an interval).
  await expect(page.getByTestId("figure-human").locator(".recharts-errorBar").first()).toBeVisible();
  await page.getByTestId("theme").selectOption("dark");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByTestId("theme").selectOption("system");
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

test("gold items uploaded and attention checks generated from the study page", async ({ page }) => {
  const gold = path.join(dir, "gold.jsonl");
  fs.writeFileSync(
    gold,
    [
      { prompt_id: "lima-6", baseline: "gpt-4-0613", expected: "tulu-2-dpo-70b", explanation: "It answers." },
      { prompt_id: "lima-7", baseline: "gpt-4-0613", expected: "tie" },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n"),
  );
  await page.goto("/studies/e2e-upload");
  const form = page.getByTestId("upload-gold");
  await form.locator('input[type="file"][name="file"]').setInputFiles(gold);
  await form.getByRole("button", { name: "Upload gold" }).click();
  await expect(page.getByTestId("upload-gold-done")).toHaveText("Imported: 2 gold items.");
  const attention = page.getByTestId("attention");
  await attention.getByLabel("How many in all").fill("3");
  await attention.getByRole("button", { name: "Generate attention checks" }).click();
  await expect(page.getByTestId("attention-result")).toHaveText(
    "3 attention checks created; the study has 3.",
  );
  await page.reload();
  await expect(page.getByTestId("quality-section")).toContainText("(5 checks in the study)");
  // Checks are no part of the design's counts.
  await expect(page.getByTestId("study-comparisons")).toHaveText("6");
});

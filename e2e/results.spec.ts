import { expect, test } from "@playwright/test";
import { ResultsPage } from "./pages/results-page";

const PCT = String.raw`\d+\.\d%`;
const POINTS = String.raw`[+−±]\d+\.\d pts`;

test("the results page draws Figure 1 for humans and the judge, with intervals and agreement", async ({
  page,
}) => {
  const results = new ResultsPage(page);
  await results.goto("lima-demo");
  // The judge has a panel of its own (one verdict per comparison from its two orders).
  for (const kind of ["human", "judge-gpt-4-judge"]) {
    const figure = results.figure(kind);
    await expect(figure.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    // 5 baselines x 3 segments, drawn with real widths.
    const bars = figure.locator(".recharts-bar-rectangle path");
    await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(15);
    const widths = await bars.evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().width));
    expect(widths.filter((w) => w > 1).length).toBeGreaterThanOrEqual(15);
    await expect(results.rows(kind)).toHaveCount(5);
    // Win - loss and the length-controlled rate per baseline, with intervals; the length bias beneath.
    await expect(results.margins(kind)).toContainText(new RegExp(`${POINTS} \\(${POINTS} to ${POINTS}\\)`));
    await expect(results.margins(kind)).toContainText(new RegExp(`${PCT} \\(${PCT} – ${PCT}\\)`));
    await expect(results.margins(kind)).toContainText(/the longer response won \d+ of \d+ decided verdicts/);
  }
  await expect(results.rows("human").filter({ hasText: "gpt-4-0613" })).toHaveCount(1);
  // Both intervals beside each rate: prompts only, and prompts with annotators.
  await expect(results.rows("human").first()).toContainText(new RegExp(`prompts: ${PCT} – ${PCT}`));
  await expect(results.rows("human").first()).toContainText(new RegExp(`two-way: ${PCT} – ${PCT}`));
  // A judge is one rater: no two-way interval, and the page says why.
  await expect(results.rows("judge-gpt-4-judge").first()).not.toContainText("two-way");
  await expect(results.panel("judge-gpt-4-judge")).toContainText("One rater here: no two-way interval.");
  await expect(results.section("agreement")).toContainText(/Human – human\s*\d+/);
  await expect(results.section("agreement")).toContainText(new RegExp(`${PCT} – ${PCT}`));
  await expect(results.section("position-bias")).toContainText(/Holm-adjusted/);
  await expect(results.section("planning")).toContainText("±5.0 points");
  await expect(results.section("judge-consistency")).toContainText(
    /gpt-4-judge: same verdict in both orders on \d+ of 200/,
  );
  await expect(results.section("ranking")).toContainText("tulu-2-dpo-70b");
  await expect(results.panel("human")).toContainText("illustrative numbers");
  // The numbers say when they were computed; a second visit serves the same ones, stored.
  const status = page.getByTestId("results-status");
  await expect(status).toContainText(/Computed at .+ UTC \(in [\d.]+ m?s\) from the data as they are now/);
  const computed = await status.textContent();
  await results.goto("lima-demo");
  await expect(status).toHaveText(computed!);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: "test-results/results-page.png", fullPage: true });

  // Filters run in SQL: a future date range leaves nothing; the "authors" group keeps the imported raters.
  await results.goto("lima-demo", "?from=2030-01-01");
  await expect(results.panel("human")).toContainText("No human verdicts match");
  await results.goto("lima-demo", "?group=authors");
  await expect(results.rows("human")).toHaveCount(5);

  // Planning for another half-width, from the filter form; a bad one is named and the default used.
  await results.goto("lima-demo");
  await page.getByLabel("Plan for ±").fill("0.1");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(results.section("planning")).toContainText("±10.0 points");
  await expect(page).toHaveURL(/plan=0\.1/);
  await results.goto("lima-demo", "?plan=7");
  await expect(page.getByTestId("filters")).toContainText("Plan half-width: at most 0.5; 0.05 used.");
  await expect(results.section("planning")).toContainText("±5.0 points");
});

test("the Tülu demo study shows its 16 raters' real verdicts on first start", async ({ page }) => {
  const results = new ResultsPage(page);
  await results.goto("tulu-demo");
  const rows = results.rows("human");
  await expect(rows).toHaveCount(3);
  // 1,141 verdicts: 403 against chatgpt, 404 against tulu_7B, 334 against tulu_human_only_65B.
  await expect(rows.filter({ hasText: "chatgpt" })).toContainText("403");
  await expect(rows.filter({ hasText: "tulu_human_only_65B" })).toContainText("334");
  await expect(results.panel("judge")).toContainText(/No judge verdicts/);
  // The figure: the longer response wins 68.4% of decided verdicts.
  await expect(results.margins("human")).toContainText("519 of 759 decided verdicts");
  await expect(results.margins("human")).toContainText("68.4%");
});

test("an all-pairs study shows an Elo leaderboard and the pairwise matrix", async ({ page }) => {
  const results = new ResultsPage(page);
  await results.goto("lima-arena");
  const rows = page.getByTestId("leaderboard-row");
  // Four of the 13 models have (illustrative) verdicts; the strongest leads.
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText("gpt-4-0613");
  // The first model by name is the anchor, at 1000.
  await expect(rows.filter({ hasText: "Llama-2-7b-chat-hf" })).toContainText("1000");
  await expect(page.getByTestId("pair-matrix")).toContainText(/\d+%/);
  await expect(page.getByTestId("agreement")).toContainText("Over 180 comparisons");
});

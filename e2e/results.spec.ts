import { expect, test } from "@playwright/test";

test("the results page draws Figure 1 for humans and the judge, with intervals and agreement", async ({
  page,
}) => {
  await page.goto("/studies/lima-demo/results");
  // The judge has a panel of its own (one verdict per comparison from its two orders).
  for (const kind of ["human", "judge-gpt-4-judge"]) {
    const figure = page.getByTestId(`figure-${kind}`);
    await expect(figure.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    // 5 baselines x 3 segments, drawn with real widths.
    const bars = figure.locator(".recharts-bar-rectangle path");
    await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(15);
    const widths = await bars.evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().width));
    expect(widths.filter((w) => w > 1).length).toBeGreaterThanOrEqual(15);
    await expect(page.getByTestId(`table-${kind}`).getByTestId("result-row")).toHaveCount(5);
  }
  await expect(page.getByTestId("table-human")).toContainText("gpt-4-0613");
  await expect(page.getByTestId("table-human").getByTestId("result-row").first()).toContainText(
    /\d+\.\d% \(\d+\.\d% – \d+\.\d%\)/,
  );
  await expect(page.getByTestId("agreement")).toContainText(/Human – human\s*\d+/);
  await expect(page.getByTestId("judge-consistency")).toContainText(
    /gpt-4-judge: same verdict in both orders on \d+ of 200/,
  );
  await expect(page.getByTestId("ranking")).toContainText("tulu-2-dpo-70b");
  await expect(page.getByTestId("panel-human")).toContainText("illustrative numbers");
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: "test-results/results-page.png", fullPage: true });

  // Filters run in SQL: a future date range leaves nothing; the "authors" group keeps the imported raters.
  await page.goto("/studies/lima-demo/results?from=2030-01-01");
  await expect(page.getByTestId("panel-human")).toContainText("No human verdicts match");
  await page.goto("/studies/lima-demo/results?group=authors");
  await expect(page.getByTestId("table-human").getByTestId("result-row")).toHaveCount(5);
});

test("the Tülu demo study shows its 16 raters' real verdicts on first start", async ({ page }) => {
  await page.goto("/studies/tulu-demo/results");
  const rows = page.getByTestId("table-human").getByTestId("result-row");
  await expect(rows).toHaveCount(3);
  // 1,141 verdicts: 403 against chatgpt, 404 against tulu_7B, 334 against tulu_human_only_65B.
  await expect(rows.filter({ hasText: "chatgpt" })).toContainText("403");
  await expect(rows.filter({ hasText: "tulu_human_only_65B" })).toContainText("334");
  await expect(page.getByTestId("panel-judge")).toContainText(/No judge verdicts/);
});

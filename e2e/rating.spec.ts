import { expect, test, type Response } from "@playwright/test";
import { fixtures, storageStates } from "./fixtures/data";
import { AnnotationPage } from "./pages/annotation-page";

test.use({ storageState: storageStates.annotator });

/** Collects every response body the page receives, to check that none names the model. */
function recordBodies(page: import("@playwright/test").Page) {
  const bodies: Promise<string>[] = [];
  page.on("response", (res: Response) => void bodies.push(res.text().catch(() => "")));
  return async () => (await Promise.all(bodies)).join("\n");
}

test("a rating study: one response, the scale's labels on keys 1..n, blinded", async ({ page }) => {
  const received = recordBodies(page);
  await page.goto(`/annotate/${fixtures().ratingId}`);
  const ann = new AnnotationPage(page);
  await ann.closeGuidelines();
  await expect(page.getByTestId("response")).toContainText(/Answer [12]/);
  await expect(page.getByTestId("response-a")).toHaveCount(0);
  // The labels in order, each with its key.
  await expect(page.getByTestId("scale")).toHaveText(/Fail \(1\)\s*Pass \(2\)\s*Excellent \(3\)/);
  await ann.press("3");
  await expect(page.getByTestId("progress")).toHaveText("1 done");
  await page.getByTestId("rate-1").click();
  await expect(page.getByTestId("completion")).toBeVisible();
  expect(await received()).not.toContain("secret-model");
});

test("a multi-turn response is rated turn by turn; the last turn's key sends all", async ({ page }) => {
  const received = recordBodies(page);
  await page.goto(`/annotate/${fixtures().turnsId}`);
  const ann = new AnnotationPage(page);
  await ann.closeGuidelines();
  const turns = page.getByTestId("turns");
  await expect(turns.getByTestId("turn-1")).toContainText("Plan a trip");
  await expect(turns.getByTestId("turn-1")).toContainText("A long plan");
  await expect(turns.getByTestId("turn-2")).toContainText("Make it shorter");
  await expect(turns.getByTestId("turn-2")).toContainText("A short plan");
  await expect(turns.getByTestId("turn-1")).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("2");
  await expect(turns.getByTestId("scale-1").getByTestId("rate-2")).toHaveAttribute("aria-pressed", "true");
  await expect(turns.getByTestId("turn-2")).toHaveAttribute("aria-current", "step");
  await expect(page.getByTestId("progress")).toHaveText("0 done");
  await page.keyboard.press("3");
  await expect(page.getByTestId("completion")).toBeVisible();
  await expect(page.getByTestId("progress")).toHaveText("1 done");
  expect(await received()).not.toContain("secret-model");
});

test.describe("as the researcher", () => {
  test.use({ storageState: storageStates.admin });

  test("the ratings reach the results and the export, per turn", async ({ page, request }) => {
    // The annotator tests above run first in this file; wait for their ratings rather than assume an order.
    await expect
      .poll(async () => (await request.get("/api/studies/e2e-turns/export?format=jsonl")).text())
      .toContain("Excellent");
    const rows = (await (await request.get("/api/studies/e2e-turns/export?format=jsonl")).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { turn: number; rating: string; model: string });
    expect(rows.map((r) => [r.turn, r.rating])).toEqual([
      [1, "Pass"],
      [2, "Excellent"],
    ]);
    await page.goto("/studies/e2e-turns/results");
    await expect(page.getByTestId("ratings-by-turn")).toContainText("secret-model, turn 2");
  });
});

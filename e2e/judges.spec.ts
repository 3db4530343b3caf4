import { expect, test } from "@playwright/test";
import { answersOf, startMockLlm } from "../test-utils/mock-llm";
import { storageStates } from "./fixtures/data";

test.use({ storageState: storageStates.researcher });

// The app's server (started with VERDICT_JUDGE_API_KEY=e2e-judge-key) asks this stand-in endpoint.
test("a researcher starts a judge run on the study page, watches it finish, and sees the judge in the results", async ({
  page,
}) => {
  const mock = await startMockLlm({
    apiKey: "e2e-judge-key",
    reply: (r) => ({ answer: `[[${answersOf(r)!.a.length >= answersOf(r)!.b.length ? "A" : "B"}]]` }),
  });
  try {
    await page.goto("/studies/e2e-blind");
    const panel = page.getByTestId("judges");
    await panel.getByLabel("Judge name").fill("e2e-longer-judge");
    await panel.getByLabel("Endpoint (OpenAI-compatible)").fill(mock.baseUrl);
    await panel.getByLabel("Model").fill("mock-model");
    await panel.getByLabel("Only the first N comparisons").fill("6");
    await panel.getByRole("button", { name: "Start judge run" }).click();
    await expect(page.getByTestId("start-judge-result")).toContainText(/Run \d+ queued: 12 questions/);
    // The server's poller takes the run; the page refreshes itself until it is done.
    const run = page.getByTestId("judge-run").first();
    await expect(run).toContainText("done", { timeout: 30_000 });
    await expect(run).toContainText("12 / 0 / 0");
    expect(mock.requests).toHaveLength(12);
    expect(mock.requests[0].messages[0].content).toMatch(/^Please act as an impartial judge/);
    await page.goto("/studies/e2e-blind/results");
    await expect(page.getByTestId("panel-judge-e2e-longer-judge")).toBeVisible();
  } finally {
    await mock.close();
  }
});

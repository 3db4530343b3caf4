import { expect, test } from "@playwright/test";
import { fixtures, storageStates } from "./fixtures/data";
import { demoReference, identify } from "./lib/match";
import { AnnotationPage } from "./pages/annotation-page";

test.describe.configure({ retries: 0 });

type Expected = {
  promptId: string;
  baseline: string;
  verdict: "reference" | "baseline" | "tie";
  side: "left" | "right";
};

/** What the stored verdict must be, worked out from the shown texts and the shipped demo file alone. */
function expectedVerdict(
  shown: { prompt: string; a: string; b: string },
  choice: "A" | "B" | "tie",
): Expected {
  const left = identify(shown.prompt, shown.a);
  const right = identify(shown.prompt, shown.b);
  expect([left.model, right.model]).toContain(demoReference);
  const refLeft = left.model === demoReference;
  const verdict = choice === "tie" ? "tie" : (choice === "A") === refLeft ? "reference" : "baseline";
  return {
    promptId: left.promptId,
    baseline: refLeft ? right.model : left.model,
    verdict,
    side: refLeft ? "left" : "right",
  };
}

test.describe("crowd worker", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("joins by link, labels 5 items by keyboard with one undo and one skip, and gets the completion code", async ({
    page,
    browser,
  }) => {
    const fx = fixtures();
    await page.goto(`/join/${fx.linkToken}?PROLIFIC_PID=e2eworker1&STUDY_ID=st-1&SESSION_ID=se-1`);
    await expect(page).toHaveURL(new RegExp(`/annotate/${fx.demoId}$`));
    const ann = new AnnotationPage(page);
    await ann.closeGuidelines();
    await expect(ann.progress()).toHaveText("0 / 5 done");

    // Keys typed into the rationale box are text, not verdicts.
    await page.getByTestId("rationale").fill("");
    await page.getByTestId("rationale").pressSequentially("1 2 3");
    await expect(ann.progress()).toHaveText("0 / 5 done");
    await page.getByTestId("rationale").blur();

    const expected: Expected[] = [];
    const keys: [string, "A" | "B" | "tie"][] = [
      ["1", "A"],
      ["ArrowRight", "B"],
      ["2", "tie"],
    ];
    for (const [key, choice] of keys) {
      const shown = await ann.shown();
      await ann.press(key);
      expected.push(expectedVerdict(shown, choice));
    }
    await expect(ann.progress()).toHaveText("3 / 5 done");

    // Undo the third verdict (tie) and make it "B is better" instead.
    await page.getByTestId("undo").click();
    await expect(page.getByTestId("revising")).toBeVisible();
    await expect(page.getByTestId("choose-tie")).toHaveAttribute("aria-pressed", "true");
    const revised = await ann.shown();
    await page.keyboard.press("3");
    await expect(page.getByTestId("revising")).toBeHidden();
    expected[2] = expectedVerdict(revised, "B");
    await expect(ann.progress()).toHaveText("3 / 5 done");

    // Skip one: it does not count.
    const skipped = await ann.shown();
    await page.getByTestId("skip").click();
    // Another comparison may share the prompt (another baseline): wait for the item as a whole to change.
    await expect.poll(async () => JSON.stringify(await ann.shown())).not.toBe(JSON.stringify(skipped));
    // A skip keeps the history: the last verdicts can still be changed.
    await expect(page.getByTestId("undo")).toBeVisible();
    // ↓ scrolls and never votes.
    await page.keyboard.press("ArrowDown");
    await expect(ann.progress()).toHaveText("3 / 5 done");

    for (const [key, choice] of [
      ["ArrowLeft", "A"],
      ["2", "tie"],
    ] as const) {
      const shown = await ann.shown();
      await ann.press(key);
      expected.push(expectedVerdict(shown, choice));
    }
    await expect(page.getByTestId("completion")).toBeVisible();
    await expect(page.getByTestId("completion-code")).toHaveText("E2E-DONE");
    await expect(page.getByTestId("completion-redirect")).toHaveAttribute("href", "https://example.org/done");

    // The database holds exactly these verdicts, mapped from the side shown to reference/baseline.
    const admin = await browser.newContext({ storageState: storageStates.admin });
    const res = await admin.request.get(`/api/studies/lima-demo/export?format=jsonl`);
    expect(res.status()).toBe(200);
    // The demo study also holds imported verdicts (fixtures); the crowd worker's are the only ones from "crowd".
    const rows = (await res.text())
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((r) => r.annotator_group === "crowd");
    await admin.close();
    expect(rows).toHaveLength(5);
    const got = rows
      .map((r) => ({
        promptId: r.prompt_id,
        baseline: r.baseline_model,
        verdict: r.verdict,
        side: r.reference_side_shown,
      }))
      .sort((x, y) => x.promptId.localeCompare(y.promptId));
    expect(got).toEqual(expected.sort((x, y) => x.promptId.localeCompare(y.promptId)));
    expect(new Set(rows.map((r) => r.annotator)).size).toBe(1);
    expect(rows.every((r) => r.kind === "human" && r.duration_ms > 0)).toBe(true);
  });

  test("a revoked or unknown link and a missing worker id are refused clearly", async ({ page }) => {
    await page.goto("/join/not-a-real-token?PROLIFIC_PID=w9");
    await expect(page.getByTestId("join-error")).toContainText("not valid");
    await page.goto(`/join/${fixtures().linkToken}`);
    await expect(page.getByTestId("join-error")).toContainText("participant id");
  });
});

test.describe("a signed-in researcher opening a crowd link", () => {
  test.use({ storageState: storageStates.researcher });

  test("is asked before their session is replaced, and keeps it when they decline", async ({ page }) => {
    const fx = fixtures();
    await page.goto(`/join/${fx.linkToken}?PROLIFIC_PID=e2e-confirm-1`);
    await expect(page.getByTestId("join-confirm")).toContainText(
      "You are signed in as e2e-researcher@verdict.local",
    );
    await page.getByRole("link", { name: "Stay signed in" }).click();
    await page.goto("/studies/lima-demo");
    await expect(page).toHaveURL(/\/studies\/lima-demo$/);

    await page.goto(`/join/${fx.linkToken}?PROLIFIC_PID=e2e-confirm-1`);
    await page.getByRole("button", { name: "Continue as participant" }).click();
    await expect(page).toHaveURL(new RegExp(`/annotate/${fx.demoId}$`));
  });
});

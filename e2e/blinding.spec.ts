import { expect, test, type Response } from "@playwright/test";
import { fixtures, storageStates } from "./fixtures/data";
import { AnnotationPage } from "./pages/annotation-page";

test.use({ storageState: storageStates.annotator });

// Every model of the blind study and of the demo, plus field names that would reveal ids or sides.
const MODEL_NAMES = [
  "tulu-2-dpo-70b",
  "gpt-4-0613",
  "gpt-3.5-turbo-0301",
  "Llama-2-70B-chat-GPTQ",
  "Mistral-7B-Instruct-v0.1",
  "vicuna-7b-v1.5",
];
const FORBIDDEN = [
  ...MODEL_NAMES,
  "responseId",
  "response_id",
  "comparisonId",
  "comparison_id",
  "referenceSide",
  "reference_side",
  "baselineModel",
  "modelId",
];

test("nothing an annotator receives names a model, a response id or the reference side", async ({ page }) => {
  const received: { url: string; body: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (res: Response) => {
    pending.push(
      (async () => {
        const headers = JSON.stringify(await res.allHeaders());
        const body = res.request().method() === "HEAD" ? "" : await res.text().catch(() => "");
        received.push({ url: res.url(), body: `${headers}\n${body}` });
      })(),
    );
  });
  await page.goto("/");
  await page.getByTestId(`start-${fixtures().blindId}`).click();
  const ann = new AnnotationPage(page);
  await ann.closeGuidelines();
  for (const key of ["1", "3", "2"]) await ann.press(key);
  await page.getByTestId("undo").click();
  await page.keyboard.press("1");
  await expect(page.getByTestId("revising")).toBeHidden();
  const skipped = await ann.shown();
  await page.getByTestId("skip").click();
  // Another comparison may share the prompt (another baseline): wait for the item as a whole to change.
  await expect.poll(async () => JSON.stringify(await ann.shown())).not.toBe(JSON.stringify(skipped));
  await ann.press("ArrowRight");
  await page.reload();
  await expect(page.getByTestId("prompt")).toBeVisible();
  await Promise.all(pending);

  expect(received.length).toBeGreaterThan(10);
  const kinds = new Set(received.map((r) => new URL(r.url).pathname.split("/")[1]));
  expect(kinds).toContain("_next");
  expect(kinds).toContain("api");
  for (const { url, body } of received) {
    for (const word of FORBIDDEN) {
      expect.soft(url.includes(word) || body.includes(word), `${word} in ${url}`).toBe(false);
    }
  }
  // URLs carry only the study number and opaque tokens.
  for (const { url } of received) expect(new URL(url).pathname).not.toMatch(/e2e-blind|lima-demo/);
});

import { expect, test } from "@playwright/test";
import { fixtures, storageStates, xssPayloads } from "./fixtures/data";
import { guard } from "./lib/guard";
import { AnnotationPage } from "./pages/annotation-page";

test.describe("annotator", () => {
  test.use({ storageState: storageStates.annotator });

  test("prompts and responses carrying XSS payloads render inert on the annotation page", async ({
    page,
  }) => {
    const { dialogs, offsite } = await guard(page);
    await page.goto(`/annotate/${fixtures().xssId}`);
    const ann = new AnnotationPage(page);
    await ann.closeGuidelines();
    const seen = new Set<string>();
    for (let i = 0; i < xssPayloads.length; i++) {
      const prompt = await page.getByTestId("prompt").innerText();
      seen.add(prompt);
      for (const id of ["prompt", "response-a", "response-b"]) {
        const box = page.getByTestId(id);
        await expect(
          box.locator("script, img, iframe, svg, style, object, embed, details[ontoggle]"),
        ).toHaveCount(0);
        await expect(box.locator("[onerror], [onload], a[href^='javascript']")).toHaveCount(0);
      }
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      await page.getByTestId("skip").click();
      // Read without waiting: after the last item the prompt is gone.
      const promptNow = () =>
        page.evaluate(
          () => (document.querySelector('[data-testid="prompt"]') as HTMLElement | null)?.innerText ?? "",
        );
      await expect.poll(promptNow).not.toBe(prompt);
    }
    await expect(page.getByTestId("completion")).toBeVisible();
    expect(seen.size).toBe(xssPayloads.length);
    // The payloads are shown as the text they are.
    expect([...seen].some((t) => t.includes("<script>window.__xss = 'script'</script>"))).toBe(true);
    expect(dialogs).toEqual([]);
    expect(offsite).toEqual([]);
  });
});

test.describe("researcher", () => {
  test.use({ storageState: storageStates.researcher });

  test("payloads in categories, groups, judge names, rationales and published sources render inert on the results page", async ({
    page,
  }) => {
    const { dialogs, offsite } = await guard(page);
    await page.goto("/studies/e2e-xss/results");
    await expect(page.getByTestId("figure-human")).toBeVisible();
    await expect(page.getByTestId("judge-consistency")).toContainText("<img src=x onerror=");
    // The filter options list the payload categories and group as plain text.
    await page.goto(
      `/studies/e2e-xss/results?category=${encodeURIComponent(xssPayloads[0])}&group=${encodeURIComponent(xssPayloads[0])}`,
    );
    await expect(page.getByTestId("panel-human")).toBeVisible();
    await expect(
      page
        .locator("main")
        .locator(
          "script, img, iframe, svg:not(.recharts-surface):not(.recharts-surface *), details[ontoggle]",
        ),
    ).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(offsite).toEqual([]);
  });
});

import { expect, test } from "@playwright/test";
import { fixtures, storageStates } from "./fixtures/data";
import { AnnotationPage } from "./pages/annotation-page";

test.use({ storageState: storageStates.annotator });

test("the keyboard map: arrows up and down scroll, S skips, F asks before flagging, U and history change verdicts", async ({
  page,
}) => {
  const ann = new AnnotationPage(page);
  await page.goto(`/annotate/${fixtures().keysId}`);
  await ann.closeGuidelines();
  const start = Number((await ann.progress().innerText()).split(" ")[0]);
  const done = (n: number) => expect(ann.progress()).toHaveText(`${start + n} done`);

  // ↓ scrolls a long page and never votes.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await done(0);

  // ? shows the map; Escape closes it.
  await page.keyboard.press("?");
  await expect(page.getByTestId("keymap")).toBeVisible();
  await expect(page.getByTestId("keymap")).toContainText("scroll (never a verdict)");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("keymap")).toBeHidden();

  await ann.press("1");
  await ann.press("3");
  await done(2);

  // F opens a dialog; Escape cancels without flagging; nothing happens to the item.
  const before = await ann.shown();
  await page.keyboard.press("f");
  await expect(page.getByTestId("flag-dialog")).toBeVisible();
  await expect(page.getByTestId("flag-confirm")).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("flag-dialog")).toBeHidden();
  expect(await ann.shown()).toEqual(before);
  // Flagging needs a reason and a confirmation; then the item is gone.
  await page.keyboard.press("F");
  await page.getByLabel("Broken (empty, cut off, garbled)").check();
  await page.getByTestId("flag-note").fill("cut off mid-sentence");
  await page.getByTestId("flag-confirm").click();
  await expect(page.getByTestId("annotator-message")).toHaveText("Thanks, the item was flagged.");
  await expect.poll(async () => JSON.stringify(await ann.shown())).not.toBe(JSON.stringify(before));

  // S skips.
  const skipped = await ann.shown();
  await page.keyboard.press("s");
  await expect.poll(async () => JSON.stringify(await ann.shown())).not.toBe(JSON.stringify(skipped));
  await done(2);

  // U revises the last verdict ("B") in place; the older one ("A") through the history.
  await page.keyboard.press("u");
  await expect(page.getByTestId("revising")).toBeVisible();
  await expect(page.getByTestId("choose-B")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("revising")).toBeHidden();
  await page.getByTestId("history").locator("summary").click();
  await page.getByTestId("history-change-1").click();
  await expect(page.getByTestId("choose-A")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("2");
  await expect(page.getByTestId("revising")).toBeHidden();
  await done(2);
  await expect(page.getByTestId("history")).toContainText("Neither is significantly better");
});

test("guidelines are a real modal: focus moves in, keys stay inside, Escape closes and focus returns", async ({
  page,
}) => {
  const ann = new AnnotationPage(page);
  await page.goto(`/annotate/${fixtures().keysId}`);
  await ann.closeGuidelines(); // shown by itself on a first visit
  const progress = await ann.progress().innerText();
  const opener = page.getByTestId("open-guidelines");
  await opener.focus();
  await page.keyboard.press("g");
  const dialog = page.getByTestId("guidelines");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Pick the better answer.");
  await expect(page.getByTestId("close-guidelines")).toBeFocused();
  // A verdict key while the modal is open does nothing, and Tab cannot leave the dialog.
  await page.keyboard.press("1");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
  await expect(ann.progress()).toHaveText(progress);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  // The rationale is reachable before voting: R focuses it, above the verdict bar.
  await page.keyboard.press("r");
  await expect(page.getByTestId("rationale")).toBeFocused();
  const box = await page.getByTestId("rationale").boundingBox();
  const bar = await page.getByTestId("choose-A").boundingBox();
  expect(box!.y).toBeLessThan(bar!.y);
  // 16 px body text in responses.
  const size = await page
    .getByTestId("response-a")
    .locator(".prose-verdict")
    .evaluate((e) => getComputedStyle(e).fontSize);
  expect(size).toBe("16px");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("A and B are tabs one tap apart, and the verdict bar is compact", async ({ page }) => {
    await page.goto(`/annotate/${fixtures().keysId}`);
    await new AnnotationPage(page).closeGuidelines();
    await expect(page.getByTestId("response-a")).toBeVisible();
    await expect(page.getByTestId("response-b")).toBeHidden();
    await page.getByTestId("tab-b").tap();
    await expect(page.getByTestId("response-b")).toBeVisible();
    await expect(page.getByTestId("response-a")).toBeHidden();
    await page.getByTestId("tab-a").tap();
    await expect(page.getByTestId("response-a")).toBeVisible();
    const bar = await page.getByRole("group", { name: "Verdict" }).boundingBox();
    expect(bar!.height).toBeLessThan(100);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});

import { expect, type Page } from "@playwright/test";

export type Shown = { prompt: string; a: string; b: string };

export class AnnotationPage {
  constructor(readonly page: Page) {}

  progress() {
    return this.page.getByTestId("progress");
  }

  async closeGuidelines() {
    await expect(this.page.getByTestId("guidelines")).toBeVisible();
    await this.page.getByTestId("close-guidelines").click();
    await expect(this.page.getByTestId("guidelines")).toBeHidden();
  }

  /** The texts currently shown, to work out independently which model was on which side. */
  async shown(): Promise<Shown> {
    return {
      prompt: (await this.page.getByTestId("prompt").innerText()).replace(/^PROMPT\s*/i, ""),
      a: await this.page.getByTestId("response-a").innerText(),
      b: await this.page.getByTestId("response-b").innerText(),
    };
  }

  /** Reads progress, prompt and completion without waiting (any of them may be replaced at any moment). */
  private snapshot() {
    return this.page.evaluate(() => {
      const text = (id: string) =>
        (document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null)?.innerText ?? null;
      return { progress: text("progress"), prompt: text("prompt"), completed: text("completion") !== null };
    });
  }

  /** Presses a verdict key and waits for the page to move on (progress changes or another item shows). */
  async press(key: string) {
    const before = await this.snapshot();
    await this.page.keyboard.press(key);
    await expect
      .poll(async () => {
        const now = await this.snapshot();
        return now.completed || now.progress !== before.progress || now.prompt !== before.prompt;
      })
      .toBe(true);
  }
}

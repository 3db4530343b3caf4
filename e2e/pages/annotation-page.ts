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

  /** Presses a verdict key and waits for the page to move on (progress changes or another item shows). */
  async press(key: string) {
    const before = await this.progress().innerText();
    const token = await this.page.getByTestId("prompt").innerText();
    await this.page.keyboard.press(key);
    await expect(async () => {
      const now = await this.progress().innerText();
      const completed = await this.page.getByTestId("completion").isVisible();
      const changed = completed || now !== before || (await this.page.getByTestId("prompt").innerText()) !== token;
      expect(changed).toBe(true);
    }).toPass();
  }
}

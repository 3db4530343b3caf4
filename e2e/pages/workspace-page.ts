import { expect, type Page } from "@playwright/test";

/** The researcher's workspace: the new-study form, a study's dashboard, its uploads and its annotators. */
export class WorkspacePage {
  constructor(private readonly page: Page) {}

  async createStudy(
    fields: { slug: string; title: string; reference: string; baselines?: string },
    file: string,
  ) {
    await this.page.goto("/studies/new");
    const form = this.page.getByTestId("new-study");
    await form.getByLabel("Slug").fill(fields.slug);
    await form.getByLabel("Title").fill(fields.title);
    await form.getByLabel("Design").selectOption("reference");
    await form.getByLabel("Reference model").fill(fields.reference);
    if (fields.baselines) await form.getByLabel(/Baselines/).fill(fields.baselines);
    await form.locator('input[type="file"][name="file"]').setInputFiles(file);
    await form.getByRole("button", { name: "Create study" }).click();
  }

  newStudyErrors() {
    return this.page.getByTestId("new-study-error");
  }

  async uploadJudgments(slug: string, file: string) {
    await this.page.goto(`/studies/${slug}`);
    const form = this.page.getByTestId("upload-judgments");
    await form.locator('input[type="file"][name="file"]').setInputFiles(file);
    await form.getByRole("button", { name: "Upload judgments" }).click();
    await expect(this.page.getByTestId("upload-judgments-done")).toBeVisible();
  }

  annotatorRows() {
    return this.page.getByTestId("annotator-row");
  }

  async exclude(slug: string, pseudonym: string, reason: string) {
    await this.page.goto(`/studies/${slug}`);
    const form = this.page.getByTestId(`exclude-${pseudonym}`);
    await form.getByLabel(`reason to exclude ${pseudonym}`).fill(reason);
    this.page.once("dialog", (d) => d.accept());
    await form.getByRole("button", { name: "Exclude" }).click();
    // The row turns into the way back: "Include again", with the reason recorded.
    await expect(this.page.getByTestId(`include-${pseudonym}`)).toContainText(`Excluded: ${reason}`);
  }
}

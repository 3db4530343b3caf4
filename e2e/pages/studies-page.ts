import { expect, type Page } from "@playwright/test";

export class StudiesPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
  }

  card(slug: string) {
    return this.page.getByTestId(`study-${slug}`);
  }

  async expectStudy(slug: string, counts: { prompts: number; comparisons: number }) {
    const card = this.card(slug);
    await expect(card).toBeVisible();
    await expect(card.getByTestId("stat-prompts")).toHaveText(counts.prompts.toLocaleString("en-US"));
    await expect(card.getByTestId("stat-comparisons")).toHaveText(counts.comparisons.toLocaleString("en-US"));
  }
}

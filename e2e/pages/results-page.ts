import type { Page } from "@playwright/test";

/** The results page of one study: panels per kind (or judge), quality tables, planning. */
export class ResultsPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string, query = "") {
    await this.page.goto(`/studies/${slug}/results${query}`);
  }

  panel(id: string) {
    return this.page.getByTestId(`panel-${id}`);
  }

  figure(id: string) {
    return this.page.getByTestId(`figure-${id}`);
  }

  rows(id: string) {
    return this.page.getByTestId(`table-${id}`).getByTestId("result-row");
  }

  margins(id: string) {
    return this.page.getByTestId(`margins-${id}`);
  }

  section(name: "agreement" | "position-bias" | "planning" | "ranking" | "judge-consistency") {
    return this.page.getByTestId(name);
  }
}

import { expect, type Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
  }

  async signIn(email: string, password: string) {
    await this.page.getByTestId("signin-email").fill(email);
    await this.page.getByTestId("signin-password").fill(password);
    await this.page.getByTestId("signin-submit").click();
  }

  async expectError(text: RegExp | string) {
    await expect(this.page.getByTestId("signin-error")).toContainText(text);
  }
}

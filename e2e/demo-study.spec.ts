import { expect, test } from "@playwright/test";
import { users } from "./fixtures/data";
import { SignInPage } from "./pages/sign-in-page";
import { StudiesPage } from "./pages/studies-page";

test("the demo study lists 300 prompts x 5 baselines", async ({ page }) => {
  const studies = new StudiesPage(page);
  await studies.goto();
  await studies.expectStudy("lima-demo", { prompts: 300, comparisons: 1500 });
  await studies.card("lima-demo").getByRole("link").click();
  await expect(page.getByTestId("study-reference")).toHaveText("tulu-2-dpo-70b");
  await expect(page.getByTestId("study-baselines")).toHaveText("5");
  const rows = page.getByTestId("baseline-row");
  await expect(rows).toHaveCount(5);
  for (const row of await rows.all()) await expect(row.locator("td").nth(1)).toHaveText("300");
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("anonymous visitors are sent to sign-in and come back after it", async ({ page }) => {
    await page.goto("/studies/lima-demo");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fstudies%2Flima-demo/);
    await new SignInPage(page).signIn(users.admin.email, users.admin.password);
    await expect(page).toHaveURL(/\/studies\/lima-demo$/);
  });

  test("a wrong password says so without saying which field was wrong", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(users.admin.email, "not-the-password");
    await signIn.expectError("Email or password is incorrect.");
    await signIn.goto();
    await signIn.signIn("nobody@verdict.local", "not-the-password");
    await signIn.expectError("Email or password is incorrect.");
  });

  test("after 10 failures for an email, even the right password is refused for a while", async ({ page }) => {
    const signIn = new SignInPage(page);
    // A fresh form per attempt, so each error shown belongs to that attempt.
    for (let i = 0; i < 10; i++) {
      await signIn.goto();
      await signIn.signIn(users.lockout.email, `wrong-password-${i}`);
      await signIn.expectError("Email or password is incorrect.");
    }
    await signIn.goto();
    await signIn.signIn(users.lockout.email, users.lockout.password);
    await signIn.expectError("Too many failed sign-ins");
  });
});

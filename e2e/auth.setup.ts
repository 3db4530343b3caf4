import { expect, test as setup } from "@playwright/test";
import { storageStates, users } from "./fixtures/data";
import { SignInPage } from "./pages/sign-in-page";

// Sign in once per role; the specs reuse the saved sessions.
for (const role of ["admin", "researcher", "annotator"] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(users[role].email, users[role].password);
    await expect(page.getByTestId("current-user")).toContainText(users[role].email);
    await page.context().storageState({ path: storageStates[role] });
  });
}

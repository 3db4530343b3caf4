import { expect, test as setup } from "@playwright/test";
import { admin, adminState } from "./env";
import { SignInPage } from "./pages/sign-in-page";

// Sign in once; the other specs reuse the saved session.
setup("sign in as the demo admin", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(admin.email, admin.password);
  await expect(page.getByTestId("current-user")).toContainText(admin.email);
  await page.context().storageState({ path: adminState });
});

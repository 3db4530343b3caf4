// Regenerates the README screenshots: `npx tsx scripts/screenshot.ts <baseURL> <email> <password>` against a running app.
import { chromium } from "@playwright/test";

const [baseURL = "http://127.0.0.1:3000", email = "admin@verdict.local", password = ""] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const page = await browser.newPage({ baseURL, viewport: { width: 1200, height: 700 } });
await page.goto("/signin");
await page.getByTestId("signin-email").fill(email);
await page.getByTestId("signin-password").fill(password);
await page.getByTestId("signin-submit").click();
await page.getByTestId("current-user").waitFor();
for (const [path, file] of (process.env.SHOTS ?? "/:docs/screenshot.png")
  .split(",")
  .map((s) => s.split(":"))) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === "1" });
  console.log(`saved ${file}`);
}
await browser.close();

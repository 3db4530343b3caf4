import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pages } from "./access-matrix";
import { fixtures, storageStates } from "./fixtures/data";

// Every page of the access matrix, as the role that may see it: axe reports no violation (WCAG 2.1 A and AA), in
// the light and the dark theme, and nothing overflows sideways on a 390 px phone.
type Visitor = "admin" | "annotator" | "anonymous";
const stateOf = (who: Visitor) => (who === "anonymous" ? { cookies: [], origins: [] } : storageStates[who]);
const fx = fixtures();
const visits: { route: string; url: string; role: Visitor }[] = pages
  .filter((p) => p.expect.admin === 200 || p.expect.annotator === 200)
  .map((p) => ({
    route: p.route,
    url: p.path(fx),
    role: (p.expect.admin === 200 ? "admin" : "annotator") as Visitor,
  }))
  // Plus what the matrix reaches by redirect: the sign-in page signed out, the labelling page with an item.
  .concat([{ route: "/signin (signed out)", url: "/signin", role: "anonymous" }]);

async function check(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`axe in the ${theme} theme`, () => {
    for (const v of visits) {
      test.describe(() => {
        test.use({
          colorScheme: theme,
          storageState: stateOf(v.role),
        });
        test(`${v.route}`, async ({ page }) => {
          expect(await check(page, v.url)).toEqual([]);
        });
      });
    }
  });
}

test.describe("a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const v of visits) {
    test.describe(() => {
      test.use({
        storageState: stateOf(v.role),
      });
      test(`no sideways overflow: ${v.route}`, async ({ page }) => {
        await page.goto(v.url);
        await page.waitForLoadState("networkidle");
        // The culprits, named in the failure: elements reaching past the edge whose children do not.
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > 391)
            .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > 391))
            .filter((e) => !e.closest(".overflow-x-auto, pre"))
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
        );
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, wide.join("\n")).toBeLessThanOrEqual(390);
      });
    });
  }
});

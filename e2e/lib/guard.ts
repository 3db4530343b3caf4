import type { Page } from "@playwright/test";

/** Records every dialog (an executed alert) and aborts every request that would leave this machine. */
export async function guard(page: Page) {
  const dialogs: string[] = [];
  const offsite: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  return { dialogs, offsite };
}

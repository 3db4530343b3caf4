import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actions, pages, routes } from "./access-matrix";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}
const appFiles = files("app");
const routeOf = (file: string) =>
  "/" +
  path.dirname(path.relative("app", file)).replace(/^\.$/, "").split(path.sep).filter(Boolean).join("/");
// The labelling API's Pages API routes: pages/api/annotate/[studyId]/state.ts is /api/annotate/[studyId]/state.
const pageApiRoutes = fs.existsSync("pages/api")
  ? files("pages/api").map(
      (f) => "/" + path.relative("pages", f).replace(/\.ts$/, "").split(path.sep).join("/"),
    )
  : [];

describe("access matrix covers the whole app", () => {
  it("lists every page", () => {
    const found = appFiles
      .filter((f) => /\/page\.tsx$/.test(f))
      .map(routeOf)
      .sort();
    expect(pages.map((p) => p.route).sort()).toEqual(found);
  });
  it("lists every route handler", () => {
    const found = appFiles
      .filter((f) => /\/route\.ts$/.test(f))
      .map(routeOf)
      .concat(pageApiRoutes)
      .sort();
    expect([...new Set(routes.map((r) => r.route))].sort()).toEqual(found);
  });
  it("lists every server action, each built with the role it is listed with", () => {
    const found: string[] = [];
    for (const f of [...appFiles, ...files("features")].filter(
      (f) => f.endsWith(".ts") || f.endsWith(".tsx"),
    )) {
      const src = fs.readFileSync(f, "utf8");
      if (!/^["']use server["']/m.test(src)) continue;
      for (const m of src.matchAll(/export (?:const|async function) (\w+)/g)) found.push(`${f}#${m[1]}`);
      for (const m of src.matchAll(/export const (\w+) = action\((null|"(\w+)")/g)) {
        const listed = actions.find((a) => a.file === f && a.name === m[1]);
        expect(listed?.role ?? null, `${f}#${m[1]}`).toBe(m[3] ?? null);
      }
    }
    expect(actions.map((a) => `${a.file}#${a.name}`).sort()).toEqual(found.sort());
  });
});

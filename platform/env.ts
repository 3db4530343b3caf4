import path from "node:path";

/** Which database the process talks to, decided from the environment alone. */
export type Env = Record<string, string | undefined>;

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export function databaseTarget(env: Env = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(":")[0]}:")`);
    }
    return { kind: "postgres", url };
  }
  const dir = env.VERDICT_DATA_DIR?.trim() || "./.data";
  // "memory://" keeps an embedded database in memory only (tests).
  if (dir.startsWith("memory://")) return { kind: "pglite", dataDir: dir };
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ dir, "pglite") };
}

/** Folder for files Verdict keeps beside the embedded database (generated secret). */
export function dataFolder(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.VERDICT_DATA_DIR?.trim() || "./.data");
}

import path from "node:path";
import { z } from "zod";
import { firstIssue } from "./validation";

/**
 * The one reader of process.env (outside scripts, benchmarks and build configuration): every variable Verdict
 * understands, parsed and checked with zod once. The README's configuration table is generated from ENV_DOCS and a
 * unit test keeps the two equal.
 */
export type EnvSource = Record<string, string | undefined>;

const blankToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v;
const optionalText = z.preprocess(blankToUndefined, z.string().optional());

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      // Only the scheme is echoed: a URL may hold a password.
      .superRefine((v, ctx) => {
        if (!/^postgres(ql)?:\/\//.test(v))
          ctx.addIssue({
            code: "custom",
            message: `must start with postgres:// or postgresql:// (got "${v.split(":")[0]}:")`,
          });
      })
      .optional(),
  ),
  VERDICT_DATA_DIR: z.preprocess(blankToUndefined, z.string().default("./.data")),
  AUTH_SECRET: optionalText,
  ADMIN_EMAIL: z.preprocess(blankToUndefined, z.string().default("admin@verdict.local")),
  ADMIN_PASSWORD: optionalText,
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65_535).default(3000)),
  DATABASE_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(10)),
  VERDICT_DEMO: z.preprocess(blankToUndefined, z.enum(["on", "off"]).default("on")),
  VERDICT_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  VERDICT_MAX_WORKERS_PER_ADDRESS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(20)),
  VERDICT_JUDGE_API_KEY: optionalText,
  NODE_ENV: z.preprocess(blankToUndefined, z.string().default("development")),
});

export type Env = z.output<typeof envSchema>;

/** Every variable the schema reads. */
export const ENV_KEYS = Object.keys(envSchema.shape);

/** The documented variables, in the README's order (`npm test` checks the README's table against this). */
export const ENV_DOCS: { name: string; default: string; meaning: string }[] = [
  {
    name: "DATABASE_URL",
    default: "unset",
    meaning:
      "`postgres://user:pass@host:5432/db`: use Postgres (one `pg` pool per process). Unset: embedded PGlite.",
  },
  {
    name: "VERDICT_DATA_DIR",
    default: "`./.data`",
    meaning: "where the embedded database, its lock and the generated secret live",
  },
  {
    name: "AUTH_SECRET",
    default: "generated",
    meaning:
      "signs session cookies. **Required with `DATABASE_URL`**; on the embedded default it is generated once into `VERDICT_DATA_DIR/auth-secret`",
  },
  {
    name: "ADMIN_EMAIL",
    default: "`admin@verdict.local`",
    meaning: "the first admin, created when the database has none",
  },
  {
    name: "ADMIN_PASSWORD",
    default: "generated",
    meaning: "that admin's password; when unset one is generated and printed once",
  },
  { name: "PORT", default: "`3000`", meaning: "port of `npm start`" },
  {
    name: "DATABASE_POOL_SIZE",
    default: "`10`",
    meaning:
      "connections per pool (Postgres); each app process has two: the labelling statements' and the rest's",
  },
  {
    name: "VERDICT_DEMO",
    default: "`on`",
    meaning: "`off`: do not load the demo studies into an empty database",
  },
  {
    name: "VERDICT_BASE_URL",
    default: "from the request",
    meaning: "public address used in printed crowd links (http or https)",
  },
  {
    name: "VERDICT_MAX_WORKERS_PER_ADDRESS",
    default: "`20`",
    meaning: "new crowd identities one client address may create per hour (`0`: no cap)",
  },
  {
    name: "VERDICT_JUDGE_API_KEY",
    default: "unset",
    meaning:
      "the API key LLM judges send to their endpoint (`judge run`); read from the environment only, never stored or logged",
  },
];

class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** Parses an environment; a bad value throws naming the variable and the reason. */
export function parseEnv(source: EnvSource): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  throw new EnvError(`${field} ${message}`);
}

let cached: Env | undefined;

/** This process's environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

/** Which database the process talks to, decided from the environment alone. */
export function databaseTarget(e: Env = env()): DatabaseTarget {
  if (e.DATABASE_URL) return { kind: "postgres", url: e.DATABASE_URL };
  const dir = e.VERDICT_DATA_DIR;
  // "memory://" keeps an embedded database in memory only (tests).
  if (dir.startsWith("memory://")) return { kind: "pglite", dataDir: dir };
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ dir, "pglite") };
}

/** Folder for files Verdict keeps beside the embedded database (generated secret, lock). */
export function dataFolder(e: Env = env()): string {
  return path.resolve(/*turbopackIgnore: true*/ e.VERDICT_DATA_DIR);
}

/** The README's configuration table, rendered from ENV_DOCS. */
export function configurationTable(): string {
  const rows = ENV_DOCS.map((d) => `| \`${d.name}\` | ${d.default} | ${d.meaning} |`);
  return ["| variable | default | meaning |", "| --- | --- | --- |", ...rows].join("\n");
}

import path from "node:path";
import type { Db } from "../db/client";
import { createUser } from "../db/queries/users";
import { progressFor } from "../lib/cli/progress";
import { importItemsFile, importJudgmentsFile } from "../lib/import/run";
import { newUserSchema } from "../lib/validations/user";

type Options = Record<string, string | boolean | undefined>;
export type Command = (ctx: { db: Db; args: string[]; options: Options }) => Promise<void>;

class UsageError extends Error {}

function required(options: Options, name: string): string {
  const v = options[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required`);
  return v.trim();
}

function fileArg(args: string[]): string {
  if (args.length !== 1) throw new UsageError("give exactly one file");
  return args[0];
}

export const commands: Record<string, Command> = {
  "import items": async ({ db, args, options }) => {
    const file = fileArg(args);
    const progress = progressFor(file);
    const started = Date.now();
    const s = await importItemsFile(db, {
      file,
      displayName: path.relative(process.cwd(), file) || file,
      slug: required(options, "study"),
      reference: required(options, "reference"),
      baselines: typeof options.baselines === "string" ? options.baselines.split(",").map((b) => b.trim()).filter(Boolean) : undefined,
      title: typeof options.title === "string" ? options.title : undefined,
      onBytes: progress.onBytes,
    });
    progress.done();
    console.log(
      `${s.studyCreated ? "created" : "updated"} study "${s.study}": ${s.prompts.total} prompts (${s.prompts.written} written), ` +
        `${s.responses.total} responses (${s.responses.written} written), ${s.comparisons.total} comparisons ` +
        `(${s.comparisons.created} new) in ${Date.now() - started} ms`,
    );
  },
  "import judgments": async ({ db, args, options }) => {
    const file = fileArg(args);
    const progress = progressFor(file);
    const started = Date.now();
    const s = await importJudgmentsFile(db, {
      file,
      displayName: path.relative(process.cwd(), file) || file,
      slug: required(options, "study"),
      onBytes: progress.onBytes,
    });
    progress.done();
    console.log(
      `study "${s.study}": ${s.records} records, ${s.live} live verdicts, ${s.written} written, ` +
        `${s.unchanged} unchanged, ${s.newAnnotators} new annotators in ${Date.now() - started} ms`,
    );
  },
  "users add": async ({ db, options }) => {
    const parsed = newUserSchema.safeParse({
      email: options.email,
      role: options.role,
      password: options.password,
      name: options.name,
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new UsageError(`--${i.path.join(".")}: ${i.message}`);
    }
    const { user, password } = await createUser(db, parsed.data);
    console.log(`created ${user.role} ${user.email}${parsed.data.password ? "" : ` with password ${password}`}`);
  },
};

export { UsageError };

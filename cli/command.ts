import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import type { Db } from "@/platform/db/client";
import { firstIssue } from "@/platform/validation";

/** A wrong invocation: exit code 2 with the command's usage. */
export class UsageError extends Error {}

type OptionSpec = { type: "string" | "boolean"; key?: string; help: string; short?: string };

/**
 * One CLI command: its options, each feeding a key of the feature's zod schema (the same schema the web app
 * parses), and the feature function it runs. `input` builds the schema's input from the parsed options.
 */
export type Command<S extends z.ZodType = z.ZodType> = {
  name: string;
  summary: string;
  /** Positional arguments, for the usage line. */
  args?: string;
  options: Record<string, OptionSpec>;
  schema: S;
  input?: (options: Record<string, string | boolean | undefined>, args: string[]) => Record<string, unknown>;
  run: (db: Db, input: z.output<S>, args: string[]) => Promise<void>;
};

export function defineCommand<S extends z.ZodType>(command: Command<S>): Command {
  return command as unknown as Command;
}

export function usageOf(c: Command): string {
  const lines = [
    `Usage: npm run cli -- ${c.name}${c.args ? ` ${c.args}` : ""} [options]`,
    "",
    c.summary,
    "",
    "Options:",
  ];
  for (const [flag, o] of Object.entries(c.options))
    lines.push(`  --${flag}${o.type === "string" ? " <value>" : ""}`.padEnd(30) + o.help);
  lines.push("  --help".padEnd(30) + "show this help");
  return lines.join("\n");
}

/** Parses argv for the command: unknown options and schema failures are usage errors naming the option. */
export function parseCommand(c: Command, argv: string[]): { input: unknown; args: string[]; help: boolean } {
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
  for (const [flag, o] of Object.entries(c.options))
    options[flag] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.values.help) return { input: undefined, args: [], help: true };
  const raw = c.input
    ? c.input(parsed.values, parsed.positionals)
    : Object.fromEntries(Object.entries(c.options).map(([flag, o]) => [o.key ?? flag, parsed.values[flag]]));
  const result = c.schema.safeParse(raw);
  if (!result.success) {
    const { field, message } = firstIssue(result.error, "options");
    const key = field.split(".")[0];
    const flag = Object.entries(c.options).find(([f, o]) => (o.key ?? f) === key)?.[0];
    throw new UsageError(`${flag ? `--${flag}` : field}: ${message}`);
  }
  return { input: result.data, args: parsed.positionals, help: false };
}

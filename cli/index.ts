// `npm run cli -- <command>`: the web app's schemas and functions, against DATABASE_URL or the embedded database
// (through the running server's socket when `npm start` has it open).
import { importCommands } from "@/cli/commands/imports";
import { judgeCommands } from "@/cli/commands/judges";
import { resultCommands } from "@/cli/commands/results";
import { studyCommands } from "@/cli/commands/studies";
import { userCommands } from "@/cli/commands/users";
import { tokenCommands } from "@/cli/commands/tokens";
import { ImportError } from "@/features/imports";
import { openDb, type DbHandle } from "@/platform/db/client";
import { runMigrations, withStartupLock } from "@/platform/db/migrate";
import { parseCommand, usageOf, UsageError, type Command } from "./command";

const COMMANDS: Command[] = [
  ...importCommands,
  ...userCommands,
  ...studyCommands,
  ...resultCommands,
  ...judgeCommands,
  ...tokenCommands,
];

const USAGE = [
  "Usage: npm run cli -- <command> [options]      (npm run cli -- <command> --help for its options)",
  "",
  ...COMMANDS.map((c) => `  ${c.name.padEnd(20)} ${c.summary}`),
  "",
  "Uses DATABASE_URL when set, else the embedded database in VERDICT_DATA_DIR (default ./.data): through the",
  "running `npm start` when there is one, else by opening the folder itself.",
].join("\n");

async function main(argv: string[]): Promise<number> {
  const command = COMMANDS.find((c) => c.name.split(" ").every((word, i) => argv[i] === word));
  if (!command) {
    const asked = argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help";
    (asked ? console.log : console.error)(
      asked ? USAGE : `error: unknown command "${argv.slice(0, 2).join(" ")}"\n\n${USAGE}`,
    );
    return asked ? 0 : 2;
  }
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(command, argv.slice(command.name.split(" ").length));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`error: ${err.message}\n\n${usageOf(command)}`);
    return 2;
  }
  if (parsed.help) {
    console.log(usageOf(command));
    return 0;
  }
  let handle: DbHandle | undefined;
  try {
    handle = await openDb();
    const opened = handle;
    await withStartupLock(opened, () => runMigrations(opened));
    await command.run(handle.db, parsed.input, parsed.args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${usageOf(command)}`);
      return 2;
    }
    // An import's problems are already `file:line: field: reason` lines.
    console.error(err instanceof ImportError ? err.message : `error: ${(err as Error).message}`);
    if (err instanceof ImportError) console.error("Nothing was written.");
    return 1;
  } finally {
    await handle?.close();
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// A finished command exits once its output is flushed: an LLM endpoint's keep-alive connections (judge run) must not
// keep it waiting.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));

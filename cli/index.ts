// `npm run cli -- <command>`: the same domain code as the web app, against DATABASE_URL or the embedded PGlite.
import { parseArgs } from "node:util";
import { openDb, type DbHandle } from "@/platform/db/client";
import { runMigrations, withStartupLock } from "@/platform/db/migrate";
import { ImportError } from "@/features/imports/errors";
import { commands, UsageError } from "./commands";

const USAGE = `Usage: npm run cli -- <command>

  import items <file.jsonl|file.csv> --study <slug> --reference <model> [--baselines a,b,c] [--title "..."]
  import judgments <file.jsonl|file.csv> --study <slug>
  users add --email <email> --role admin|researcher|annotator [--password <pw>] [--name "..."] [--study <slug>]
  links create --study <slug> [--completion-code CODE] [--redirect-url URL] [--base-url URL]
  studies set --study <slug> [--overlap K] [--quota N|none] [--lease-minutes M]
  stats --study <slug> [--json] [--group G] [--category C] [--source S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  export judgments|summary --study <slug> [--format csv|jsonl] [--out file]
  published set --study <slug> --baseline <model> --wins F --ties F --losses F --source "..." [--kind human|judge]

Uses DATABASE_URL when set, else the embedded database in VERDICT_DATA_DIR (default ./.data).
The embedded database can be open in one process at a time: stop \`npm start\` before using the CLI on it.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      study: { type: "string" },
      reference: { type: "string" },
      baselines: { type: "string" },
      title: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      "completion-code": { type: "string" },
      "redirect-url": { type: "string" },
      "base-url": { type: "string" },
      overlap: { type: "string" },
      quota: { type: "string" },
      "lease-minutes": { type: "string" },
      json: { type: "boolean" },
      baseline: { type: "string" },
      wins: { type: "string" },
      ties: { type: "string" },
      losses: { type: "string" },
      kind: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      group: { type: "string" },
      category: { type: "string" },
      source: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const name = positionals[0] === "stats" ? "stats" : positionals.slice(0, 2).join(" ");
  const command = commands[name];
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  let handle: DbHandle | undefined;
  try {
    handle = await openDb();
    const opened = handle;
    await withStartupLock(opened, () => runMigrations(opened));
    await command({ db: handle.db, args: positionals.slice(name.split(" ").length), options: values });
    return 0;
  } catch (err) {
    if (err instanceof ImportError) {
      console.error(err.message);
      console.error("Nothing was written.");
    } else if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    } else {
      console.error(`error: ${(err as Error).message}`);
    }
    return 1;
  } finally {
    await handle?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

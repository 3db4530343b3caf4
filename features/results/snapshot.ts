import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/platform/db/client";
import { log } from "@/platform/log";
import { processWide } from "@/platform/process-wide";
import { arenaResults, type ArenaResults } from "./arena";
import { studyResults, type StudyResults } from "./compute";
import { filterOptions } from "./queries";
import { ratingResults, type RatingResults } from "./rating";
import type { ResultFilters } from "./schemas";
import { readSnapshot, resultsFingerprint, writeSnapshot, type StoredSnapshot } from "./snapshot-store";

/** A study's results in its design, with the filter choices the page offers. */
export type DesignResults = (
  | { design: "rating"; rating: RatingResults }
  | { design: "arena"; arena: ArenaResults }
  | { design: "reference"; results: StudyResults }
) & { options: Awaited<ReturnType<typeof filterOptions>> };

/**
 * current: computed from the data as it is now. updating: computed from older data (shown with its time) while the
 * current numbers are computed in the background. computing: nothing stored yet, and not done within the wait.
 */
export type ResultsView =
  | { status: "current" | "updating"; results: DesignResults; computedAt: Date; durationMs: number }
  | { status: "computing" };

/** How long a request waits for numbers being computed before it shows what it has (or that they are coming). */
const WAIT_MS = 10_000;
/** Older numbers are shown at once, rather than waited on, when computing them last took longer than this. */
const SLOW_MS = 5_000;

type Args = { studyId: number; slug: string; filters: ResultFilters; plan?: number };

/** The filters and plan as one key: fixed key order, empty values left out. */
export function filtersKey(filters: ResultFilters, plan?: number): string {
  const entries = Object.entries({ ...filters, plan })
    .filter(([, v]) => v !== undefined && v !== "" && v !== false)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(Object.fromEntries(entries));
}

export async function computeDesignResults(db: Db, args: Args) {
  const { slug, filters, plan } = args;
  const options = await filterOptions(db, args.studyId);
  const rating = await ratingResults(db, { slug, filters });
  if (rating) return { design: "rating", rating, options } satisfies DesignResults;
  const arena = await arenaResults(db, { slug, filters });
  if (arena) return { design: "arena", arena, options } satisfies DesignResults;
  const results = await studyResults(db, { slug, filters, plan });
  return results ? ({ design: "reference", results, options } satisfies DesignResults) : null;
}

// One computation per study and filters at a time in this process; requests that find one running wait on it.
const running = processWide("results-computations", () => new Map<string, Promise<StoredSnapshot | null>>());

/**
 * `fingerprint` was read before the data (by the request that starts the computation): if anything is written
 * meanwhile, the stored fingerprint is already behind and the next request computes again, so the numbers are
 * never stored as newer than they are.
 */
function recompute(db: Db, args: Args, key: string, fingerprint: string): Promise<StoredSnapshot | null> {
  const id = `${args.studyId}:${key}`;
  const existing = running.get(id);
  if (existing) return existing;
  const job = (async () => {
    const started = performance.now();
    const results = await computeDesignResults(db, args);
    if (!results) return null;
    const snapshot: StoredSnapshot = {
      fingerprint,
      payload: results,
      computedAt: new Date(),
      durationMs: Math.round(performance.now() - started),
    };
    await writeSnapshot(db, { studyId: args.studyId, filtersKey: key, ...snapshot });
    return snapshot;
  })().finally(() => running.delete(id));
  running.set(id, job);
  return job;
}

const view = (status: "current" | "updating", s: StoredSnapshot): ResultsView => ({
  status,
  results: s.payload as DesignResults,
  computedAt: new Date(s.computedAt),
  durationMs: s.durationMs,
});

/**
 * The results page's numbers: stored ones while the study's data are unchanged, else computed again. A request
 * waits for the new numbers unless they are slow to compute and older ones are stored; those are then shown,
 * marked as such, while the new ones are computed in the background. Null: no such study.
 */
export async function resultsView(db: Db, args: Args): Promise<ResultsView | null> {
  const key = filtersKey(args.filters, args.plan);
  const [stored, fingerprint] = await Promise.all([
    readSnapshot(db, args.studyId, key),
    resultsFingerprint(db, args.studyId),
  ]);
  if (!fingerprint) return null;
  if (stored && stored.fingerprint === fingerprint) return view("current", stored);
  const job = recompute(db, args, key, fingerprint);
  const logFailure = (err: unknown) => log.error({ err, studyId: args.studyId }, "results snapshot failed");
  if (stored && stored.durationMs > SLOW_MS) {
    job.catch(logFailure);
    return view("updating", stored);
  }
  const done = await Promise.race([job, sleep(WAIT_MS).then(() => "waiting" as const)]);
  if (done === null) return null;
  if (done !== "waiting") {
    if (done.fingerprint === fingerprint) return view("current", done);
    // This request joined a computation that started before the data it read: newer numbers are due.
    recompute(db, args, key, fingerprint).catch(logFailure);
    return view("updating", done);
  }
  job.catch(logFailure);
  return stored ? view("updating", stored) : { status: "computing" };
}

import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { arenaResults } from "./arena";
import { studyResults } from "./compute";
import { ratingResults } from "./rating";
import type { ResultFilters } from "./schemas";
import { arenaJson, ratingJson, statsJson } from "./stats-json";

export type StatsDocument =
  | { design: "rating"; json: ReturnType<typeof ratingJson> }
  | { design: "all_pairs"; json: ReturnType<typeof arenaJson> }
  | { design: "reference"; json: ReturnType<typeof statsJson> };

/** The `stats --json` document of a study, whatever its design: the one function of the CLI and the API. */
export async function statsDocument(
  db: Db,
  args: { slug: string; filters: ResultFilters; plan?: number },
): Promise<StatsDocument> {
  const rating = await ratingResults(db, { slug: args.slug, filters: args.filters });
  if (rating) return { design: "rating", json: ratingJson(rating) };
  const arena = await arenaResults(db, { slug: args.slug, filters: args.filters });
  if (arena) return { design: "all_pairs", json: arenaJson(arena) };
  const results = await studyResults(db, args);
  if (!results) throw new AppError("no_study", args.slug);
  return { design: "reference", json: statsJson(results) };
}

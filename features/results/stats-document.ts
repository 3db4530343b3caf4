import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { arenaResults } from "./arena";
import { studyResults } from "./compute";
import { ratingResults } from "./rating";
import type { ResultFilters } from "./schemas";
import { arenaJson, ratingJson, statsJson } from "./stats-json";
import { annotatorQuality, leakCounts, type AnnotatorQuality } from "./quality";
import { studyIdBySlug } from "@/features/studies";

type Leaks = { leaks: { responses: number; held_out: number } };
type ReferenceJson = Omit<ReturnType<typeof statsJson>, "annotators"> & {
  annotators: (Partial<ReturnType<typeof statsJson>["annotators"][number]> &
    Omit<AnnotatorQuality, "status"> & {
      status: AnnotatorQuality["status"];
    })[];
};

export type StatsDocument =
  | { design: "rating"; json: ReturnType<typeof ratingJson> & Leaks }
  | { design: "all_pairs"; json: ReturnType<typeof arenaJson> & Leaks }
  | { design: "reference"; json: ReferenceJson & Leaks };

/** The `stats --json` document of a study, whatever its design: the one function of the CLI and the API. */
export async function statsDocument(
  db: Db,
  args: { slug: string; filters: ResultFilters; plan?: number },
): Promise<StatsDocument> {
  const studyId = await studyIdBySlug(db, args.slug);
  if (!studyId) throw new AppError("no_study", args.slug);
  const leaks = await leakCounts(db, studyId);
  const rating = await ratingResults(db, { slug: args.slug, filters: args.filters });
  if (rating) return { design: "rating", json: { ...ratingJson(rating), leaks } };
  const arena = await arenaResults(db, { slug: args.slug, filters: args.filters });
  if (arena) return { design: "all_pairs", json: { ...arenaJson(arena), leaks } };
  const results = await studyResults(db, args);
  if (!results) throw new AppError("no_study", args.slug);
  const json = statsJson(results);
  // Each annotator's quality record beside their numbers; an excluded one (out of the numbers) is listed with it alone.
  const quality = await annotatorQuality(db, studyId);
  const inResults = new Set(json.annotators.map((a) => a.pseudonym));
  const byPseudonym = new Map(quality.map((q) => [q.pseudonym, q]));
  const annotators = [
    ...json.annotators.map((a) => {
      const q = byPseudonym.get(a.pseudonym);
      return {
        ...a,
        gold: q?.gold ?? { seen: 0, correct: 0 },
        repeats: q?.repeats ?? { seen: 0, consistent: 0 },
        too_fast: q?.too_fast ?? 0,
        status: q?.status ?? ("active" as const),
      };
    }),
    ...quality.filter((q) => q.status === "excluded" && !inResults.has(q.pseudonym)),
  ];
  return { design: "reference", json: { ...json, annotators, leaks } };
}

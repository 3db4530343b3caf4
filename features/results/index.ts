// The results feature's public face for the app, the CLI and benchmarks.
export { studyResults } from "./compute";
export { arenaJson, ratingJson, statsJson } from "./stats-json";
export { statsDocument } from "./stats-document";
export { arenaResults, prioritiseUncertainPairs } from "./arena";
export { judgeDisagreements } from "./adjudication";
export { ratingResults } from "./rating";
export { filterOptions, promptCounts, promptCountsSql } from "./queries";
export { planHalfWidthSchema, resultFiltersSchema, type ResultFilters } from "./schemas";
export { exportRequestSchema, exportStudy } from "./export/export";
export { exportResponse } from "./export/http";
export { JUDGMENT_COLUMNS, judgmentExportBatches } from "./export/query";
export { encodeRows } from "./export/stream";
export { setPublishedResult, publishedResultSchema } from "./published";
export { winRates } from "./stats/win-rates";
export { eloRanking } from "./stats/elo";
export { seededRandom } from "./stats/random";
export type { PairOutcome } from "./stats/bradley-terry";

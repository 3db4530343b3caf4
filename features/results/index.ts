// The results feature's public face for the CLI, benchmarks and other features.
export { studyResults, type StudyResults } from "./compute";
export { statsJson, summaryRows, SUMMARY_COLUMNS } from "./stats-json";
export { resultFiltersSchema, type ResultFilters } from "./schemas";
export { exportFileName, exportRequestSchema, exportStudy, type ExportRequest } from "./export/export";
export { JUDGMENT_COLUMNS, judgmentExportBatches } from "./export/query";
export { encodeRows, oneBatch } from "./export/stream";
export { setPublishedResult, publishedResultSchema } from "./published";

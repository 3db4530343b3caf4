// The imports feature's public face for other features, the CLI, benchmarks and the demo seed.
export { ImportError, ImportIssue } from "./errors";
export { importItemsFile, importJudgmentsFile } from "./run";
export type { ItemsImportSummary } from "./queries/items";
export type { JudgmentsImportSummary } from "./queries/judgments";
export { importItemsRequestSchema, importJudgmentsRequestSchema, type ImportItemsRequest } from "./schemas";

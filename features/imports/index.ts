// The imports feature's public face for other features, the CLI, benchmarks and the demo seed.
export { ImportError } from "./errors";
export { importItemsFile, importJudgmentsFile } from "./run";
export { importItemsRequestSchema, importJudgmentsRequestSchema } from "./schemas";

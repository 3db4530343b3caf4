// The imports feature's public face for other features, the CLI, benchmarks and the demo seed.
export { ImportError } from "./errors";
export { importItemsFile, importJudgmentsFile } from "./run";
export { importItemsRequestSchema, importJudgmentsRequestSchema } from "./schemas";
export { createEmptyStudy } from "./create";
export { importResponse } from "./http";
export { newStudySchema } from "./schemas";
export { importItemsUpload, importStudyFileUpload, uploadName } from "./upload";
export { importGoldFile } from "./gold";

import "server-only";

// What the web app's labelling routes and page use (server only; the CLI and other features use index.ts).
export { annotationState } from "./state";
export { annotatorApi, enrolledStudy } from "./route";
export { passAssignment, submitJudgment } from "./queries/assignments";
export { passItemSchema, submitVerdictSchema } from "./schemas";
export { practiceFeedback, updateQuality } from "./quality";

// The annotation feature's public face for other features, the CLI and benchmarks (no server-only code here).
export { enrol, enrolledStudies, unenrol } from "./queries/enrollments";
export type { AnnotationState } from "./schemas";
export { verdictFromChoice } from "./rules";
export { findLeaks, leakMatcher } from "./leaks";
export { applyLeakPolicy, attentionSchema, generateAttentionChecks } from "./queries/checks";
export { dequeueChecks, requeue } from "./queries/queue";
export { CHECK_ANSWERED_RIGHT } from "./quality";
export { renderInBackground, renderStoredTexts } from "./queries/rendering";

// The annotation feature's public face for other features, the CLI and benchmarks (no server-only code here).
export { enrol, enrolledStudies, unenrol } from "./queries/enrollments";
export { choiceSchema, flagReasonSchema, type ItemView, type AnnotationState } from "./schemas";
export type { Choice } from "./schemas";

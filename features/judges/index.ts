// The judges feature's public face for the CLI, the app and other features.
export { runnerName } from "./claims";
export { startJudgePoller } from "./poller";
export { executeJudgeRun } from "./runner";
export { createJudgeRun, judgeRunProgress, studyJudgeRuns, supersedeDeadRuns } from "./runs";
export { judgeRunRequestSchema } from "./schemas";
export { TEMPLATE_NAMES } from "./templates";

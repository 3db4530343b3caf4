// The crowd feature's public face for the app, the CLI and benchmarks.
export { activeLink, createLink, createStudyLink, prolificUrl } from "./links";
export { joinByLink, parseClaims, withClaim } from "./join";
export { createLinkSchema } from "./schemas";
export { WORKER_COLUMNS, workerListBatches } from "./workers";

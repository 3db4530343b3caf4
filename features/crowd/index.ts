// The crowd feature's public face for the CLI and other features.
export { activeLink, createStudyLink, joinUrl, linksOfStudy, prolificUrl, revokeLink } from "./links";
export { joinByLink, type JoinOutcome } from "./join";
export { createLinkSchema, type NewLink } from "./schemas";

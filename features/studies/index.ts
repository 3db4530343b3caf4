// The studies feature's public face for the app, other features and the CLI.
export { getStudyDetail, listStudiesWithProgress, studyIdBySlug } from "./queries";
export { studyChoices } from "./study-list";
export { changeStudySettings, slugSchema, studySettingsSchema } from "./settings";
export { annotatorProgress, studyExclusions } from "./annotators";
export { flagQueue, itemDetail, itemSearchSchema, leakingResponses, searchItems } from "./items";
export { deleteStudy, verdictCount } from "./lifecycle";

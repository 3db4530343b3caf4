// The studies feature's public face for other features and the CLI.
export { getStudyDetail, listStudiesWithProgress, studyIdBySlug, type StudyDetail, type StudyProgress } from "./queries";
export { studyChoices } from "./study-list";
export { changeStudySettings, slugSchema, studySettingsSchema, type StudySettings } from "./settings";

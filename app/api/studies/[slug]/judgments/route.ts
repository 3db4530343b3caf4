import { studyFileUploadRoute } from "@/features/imports/upload-route";

/** The browser's upload of a judgments file into a study. */
export const POST = studyFileUploadRoute("judgments");

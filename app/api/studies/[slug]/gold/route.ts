import { studyFileUploadRoute } from "@/features/imports/upload-route";

/** The browser's upload of gold items (quality checks) into a study. */
export const POST = studyFileUploadRoute("gold");

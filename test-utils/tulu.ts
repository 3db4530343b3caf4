import path from "node:path";
import { readTuluCsv, type TuluRow } from "@/features/setup/tulu-demo";

export { writeTuluFiles, type TuluRow } from "@/features/setup/tulu-demo";

/** The Tülu 1 human evaluation, shipped in the repository (data/validation, Apache-2.0). */
export const TULU_CSV = path.resolve("data/validation/tulu1-human-eval.csv");

export function readTulu(): TuluRow[] {
  return readTuluCsv(TULU_CSV);
}

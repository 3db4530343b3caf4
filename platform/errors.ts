/**
 * The error codes the data layer throws, and the one table that gives each its HTTP status and its message for
 * people. Queries throw `new AppError(code, { detail })`; route handlers, server actions and the CLI turn it into
 * an answer with `httpStatus` and `err.message`, so the wording lives here only.
 */
const CODES = {
  not_found: { status: 404, message: "Not found." },
  no_study: { status: 404, message: 'No study "{detail}".' },
  no_user: { status: 404, message: 'No user "{detail}".' },
  not_enrolled: { status: 404, message: "You are not enrolled in this study." },
  item_not_yours: { status: 404, message: "This item is not yours or no longer exists." },
  request_reused: { status: 409, message: "Request id already used." },
  revision_closed: { status: 409, message: "This verdict can no longer be changed." },
  item_skipped: { status: 409, message: "This item was skipped." },
  item_closed: { status: 409, message: "This item is already finished." },
  not_all_pairs: {
    status: 400,
    message: 'Study "{detail}" is not an all-pairs study: pair order does not apply.',
  },
  bad_template: { status: 400, message: "Judge template: {detail}." },
  judge_mismatch: { status: 409, message: "{detail}" },
  no_api_key: {
    status: 400,
    message: "No judge API key: set VERDICT_JUDGE_API_KEY in the environment (never on the command line).",
  },
  verdict_expected: {
    status: 400,
    message: "This study compares two responses: send a choice (A, tie or B).",
  },
  rating_expected: {
    status: 400,
    message: "This study rates responses: send one label of its scale for each turn of the response.",
  },
  rationale_required: { status: 400, message: "This study asks for a rationale with every verdict." },
  slot_taken: { status: 409, message: "This item expired and went to someone else. Here is a new one." },
  quota_reached: { status: 409, message: "You have reached this study's quota." },
  study_exists: { status: 409, message: 'A study "{detail}" already exists.' },
  study_has_verdicts: {
    status: 409,
    message: 'Study "{detail}" has verdicts: type its slug to confirm deleting them with it.',
  },
  user_exists: { status: 409, message: "A user with email {detail} already exists." },
  invalid_input: { status: 400, message: "{detail}" },
  invalid_file: { status: 422, message: "{detail}" },
  database_in_use: { status: 503, message: "{detail}" },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string = "",
  ) {
    super(CODES[code].message.replace("{detail}", detail));
    this.name = "AppError";
  }
}

export function httpStatus(code: ErrorCode): number {
  return CODES[code].status;
}

export function isAppError(err: unknown, ...codes: ErrorCode[]): err is AppError {
  return err instanceof AppError && (codes.length === 0 || codes.includes(err.code));
}

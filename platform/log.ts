import pino from "pino";

/** Structured JSON logs on stdout (one object per line), with request ids where a request is known. */
export const log = pino({ base: { service: "verdict" }, timestamp: pino.stdTimeFunctions.isoTime });

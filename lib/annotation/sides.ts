import { createHmac } from "node:crypto";
import type { Side } from "@/db/schema";

/**
 * Side on which the reference is shown for an annotator's `seq`-th item. Items are balanced in blocks of two
 * (one left, one right); the order inside a block comes from an HMAC under the server secret, so it is
 * random to annotators, who cannot compute it, yet reproducible on the server.
 */
export function referenceSideFor(args: { secret: string; userId: string; studyId: number; seq: number }): Side {
  const block = Math.floor(args.seq / 2);
  const digest = createHmac("sha256", args.secret).update(`${args.userId}:${args.studyId}:${block}`).digest();
  const leftFirst = (digest[0] & 1) === 0;
  const firstInBlock = args.seq % 2 === 0;
  return firstInBlock === leftFirst ? "left" : "right";
}

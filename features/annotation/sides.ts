import { createHash, createHmac } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Side } from "@/db/schema";

const message = (userId: string, studyId: number, block: number) => `${userId}:${studyId}:${block}`;

/**
 * Side on which the reference is shown for an annotator's `seq`-th item. Items are balanced in blocks of two
 * (one left, one right); the order inside a block comes from an HMAC under the server secret, so it is
 * random to annotators, who cannot compute it, yet reproducible on the server.
 */
export function referenceSideFor(args: {
  secret: string;
  userId: string;
  studyId: number;
  seq: number;
}): Side {
  const block = Math.floor(args.seq / 2);
  const digest = createHmac("sha256", args.secret)
    .update(message(args.userId, args.studyId, block))
    .digest();
  const leftFirst = (digest[0] & 1) === 0;
  const firstInBlock = args.seq % 2 === 0;
  return firstInBlock === leftFirst ? "left" : "right";
}

/**
 * The same rule as SQL over a `seq` expression, so a lease can be chosen and written in one statement: HMAC-SHA256
 * spelled with Postgres's sha256() and the padded keys (RFC 2104); only the padded keys leave the server.
 */
export function referenceSideSql(args: { secret: string; userId: string; studyId: number; seq: SQL }): SQL {
  let key = Buffer.from(args.secret, "utf8");
  if (key.length > 64) key = createHash("sha256").update(key).digest();
  const pad = (byte: number) => Buffer.from(Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ byte));
  const msg = sql`convert_to(${`${args.userId}:${args.studyId}:`} || ((${args.seq}) / 2)::text, 'UTF8')`;
  const mac = sql`sha256(${pad(0x5c)}::bytea || sha256(${pad(0x36)}::bytea || ${msg}))`;
  return sql`(case when ((get_byte(${mac}, 0) & 1) = 0) = ((${args.seq}) % 2 = 0) then 'left' else 'right' end)::side`;
}

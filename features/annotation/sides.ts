import { createHash, createHmac } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Side } from "@/db/schema";

/** Items per balanced block: half show the reference left, half right. */
export const SIDE_BLOCK = 8;

const message = (userId: string, studyId: number, block: number) => `${userId}:${studyId}:${block}`;

/**
 * Side on which the reference is shown for an annotator's `seq`-th item. Items are balanced in blocks of eight
 * (four left, four right) arranged by an HMAC under the server secret: each position of the block gets a byte of
 * the HMAC, and the four positions with the smallest (byte, position) show the reference left. The arrangement
 * is random to annotators, who cannot compute it (a block of two made each item's partner predictable), yet
 * reproducible on the server.
 */
export function referenceSideFor(args: {
  secret: string;
  userId: string;
  studyId: number;
  seq: number;
}): Side {
  const block = Math.floor(args.seq / SIDE_BLOCK);
  const pos = args.seq % SIDE_BLOCK;
  const digest = createHmac("sha256", args.secret)
    .update(message(args.userId, args.studyId, block))
    .digest();
  let rank = 0;
  for (let j = 0; j < SIDE_BLOCK; j++)
    if (digest[j] < digest[pos] || (digest[j] === digest[pos] && j < pos)) rank++;
  return rank < SIDE_BLOCK / 2 ? "left" : "right";
}

/**
 * The same rule as SQL over a `seq` expression, so a lease can be chosen and written in one statement: HMAC-SHA256
 * spelled with Postgres's sha256() and the padded keys (RFC 2104); only the padded keys leave the server.
 */
export function referenceSideSql(args: { secret: string; userId: string; studyId: number; seq: SQL }): SQL {
  let key = Buffer.from(args.secret, "utf8");
  if (key.length > 64) key = createHash("sha256").update(key).digest();
  const pad = (byte: number) => Buffer.from(Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ byte));
  const msg = sql`convert_to(${`${args.userId}:${args.studyId}:`} || ((${args.seq}) / ${SIDE_BLOCK})::text, 'UTF8')`;
  const mac = sql`sha256(${pad(0x5c)}::bytea || sha256(${pad(0x36)}::bytea || ${msg}))`;
  return sql`(select (case when count(*) filter (where get_byte(x.m, j) < get_byte(x.m, x.p)
      or (get_byte(x.m, j) = get_byte(x.m, x.p) and j < x.p)) < ${SIDE_BLOCK / 2} then 'left' else 'right' end)::side
    from (select ${mac} as m, ((${args.seq}) % ${SIDE_BLOCK})::int as p) x, generate_series(0, ${SIDE_BLOCK - 1}) as j)`;
}

import { and, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { generatePassword, hashPassword } from "./password";
import type { NewUser } from "@/features/users/schemas";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { endedSessions, enrollments, users, type User } from "@/db/schema";

/** Creates a password user; generates the password when none is given and returns it once. */
export async function createUser(db: Db, input: NewUser): Promise<{ user: User; password: string }> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const [user] = await db
    .insert(users)
    .values({
      email: input.email,
      role: input.role,
      name: input.name ?? null,
      group: input.group ?? null,
      passwordHash,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) throw new AppError("user_exists", input.email);
  return { user, password };
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

export async function countAdmins(db: Db): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.role, "admin"));
  return n;
}

/** The annotator identity of a crowd worker: same worker id, same user. */
export async function findOrCreateWorker(
  db: Db,
  externalId: string,
  createdClient: string | null = null,
): Promise<User> {
  await db
    .insert(users)
    .values({ externalId, name: externalId, role: "annotator", group: "crowd", createdClient })
    .onConflictDoNothing();
  const [user] = await db.select().from(users).where(eq(users.externalId, externalId));
  return user;
}

export async function findWorker(db: Db, externalId: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.externalId, externalId));
  return user;
}

/** Crowd identities created from one client address in the last hour (the per-address join cap counts these). */
export async function workersCreatedFrom(db: Db, client: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.createdClient} = ${client} and ${users.createdAt} > now() - interval '1 hour'`);
  return n;
}

/**
 * Binds a crowd identity to the browser that first joined as it (the hash of its claim token) and to its platform
 * session id, if nobody did before; false when another browser got there first.
 */
export async function claimWorker(
  db: Db,
  args: { id: string; claimHash: string; session: string | null },
): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ claimHash: args.claimHash, claimSession: args.session })
    .where(sql`${users.id} = ${args.id} and ${users.claimHash} is null`)
    .returning({ id: users.id });
  return claimed.length === 1;
}

/** Users with the ids of the studies they are enrolled in (admin page). */
/** The users page's filters and page, from its query string (anything malformed falls back to "all"). */
export const userSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(["admin", "researcher", "annotator"]).optional().catch(undefined),
  group: z.string().trim().max(200).optional().catch(undefined),
  study: z.coerce.number().int().positive().optional().catch(undefined),
  kind: z.enum(["password", "crowd", "imported"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});
export type UserSearch = z.output<typeof userSearchSchema>;

const USERS_PAGE = 50;

/**
 * One page of users matching the filters, and how many match: password users, crowd workers (joined through a link)
 * and imported raters (neither) told apart; the search looks in email, worker id, pseudonym and name.
 */
export async function listUsers(db: Db, f: UserSearch = { page: 1 }) {
  const where: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(
        ilike(users.email, like),
        ilike(users.externalId, like),
        ilike(users.pseudonym, like),
        ilike(users.name, like),
      )!,
    );
  }
  if (f.role) where.push(eq(users.role, f.role));
  if (f.group) where.push(eq(users.group, f.group));
  if (f.study)
    where.push(
      sql`exists (select 1 from ${enrollments} e where e.user_id = ${users.id} and e.study_id = ${f.study})`,
    );
  const crowd = sql`exists (select 1 from ${enrollments} e where e.user_id = ${users.id} and e.link_id is not null)`;
  if (f.kind === "password") where.push(sql`${users.passwordHash} is not null`);
  if (f.kind === "crowd") where.push(crowd);
  if (f.kind === "imported") where.push(sql`${users.passwordHash} is null and not ${crowd}`);
  const filter = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        externalId: users.externalId,
        pseudonym: users.pseudonym,
        name: users.name,
        role: users.role,
        group: users.group,
        disabled: users.disabled,
        hasPassword: sql<boolean>`${users.passwordHash} is not null`,
        studyIds: sql<
          number[]
        >`coalesce((select array_agg(e.study_id order by e.study_id) from ${enrollments} e where e.user_id = ${users.id}), '{}')`,
      })
      .from(users)
      .where(filter)
      .orderBy(users.role, users.email, users.createdAt, users.id)
      .limit(USERS_PAGE)
      .offset((f.page - 1) * USERS_PAGE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .where(filter),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / USERS_PAGE)) };
}

export async function setUserDisabled(db: Db, args: { id: string; disabled: boolean }): Promise<void> {
  await db.update(users).set({ disabled: args.disabled }).where(eq(users.id, args.id));
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** Ends one session (signed out): it is refused until it would have expired anyway. */
export async function endSession(db: Db, args: { sid: string; expiresAt: Date }): Promise<void> {
  await db.insert(endedSessions).values(args).onConflictDoNothing();
}

/** Ends every session of these users at once: tokens carry the version they were issued under. */
export async function endSessions(db: Db, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(inArray(users.id, userIds));
}

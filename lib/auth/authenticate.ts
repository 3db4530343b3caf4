import "server-only";
import { getDb } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { signInSchema } from "@/lib/validations/user";
import { verifyPassword } from "./password";

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$cPirn8mIQ2mlffLnAoeSfA$qjtY3OT+Pr8bJ4mvVuAdmZCcwX+3BBgdwqkXCXDZu7g";

/** Checks email and password; returns the session user or null without saying which part was wrong. */
export async function authenticate(raw: unknown) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const db = await getDb();
  const user = await findUserByEmail(db, parsed.data.email);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
  if (!user || !ok || user.disabled || !user.passwordHash) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

"use server";

import { signOut } from "@/features/users/auth";

/** Public: anyone may end their own session. */
export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}

"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/features/users/auth";
import { safeCallbackPath } from "@/platform/auth/policy";
import { action } from "@/platform/http/action";
import { signInSchema } from "@/features/users/schemas";

const schema = signInSchema.extend({ callbackUrl: z.string().optional() });

export const signInAction = action(null, schema, async (input) => {
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: safeCallbackPath(input.callbackUrl),
    });
  } catch (err) {
    // Success throws Next's redirect, which must propagate.
    if (err instanceof CredentialsSignin && err.code === "rate_limited") {
      return { error: "Too many failed sign-ins for this email. Try again in 15 minutes." };
    }
    if (err instanceof AuthError) return { error: "Email or password is incorrect." };
    throw err;
  }
  return { error: null };
});

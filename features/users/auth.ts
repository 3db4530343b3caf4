import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Role } from "@/db/schema";
import { serverSecret } from "@/platform/secret";
import { authenticate, authenticateCrowdTicket } from "./authenticate";

declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id: string;
    role: Role;
  }
}

// Configured lazily: the secret is resolved on the first request, not when `next build` loads this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: serverSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is an expected outcome, not a server error.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin" || error instanceof CredentialsSignin)
        return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials) => authenticate(credentials),
    }),
    // Crowd workers: the join route checks the link and hands over a signed, short-lived ticket.
    Credentials({
      id: "crowd",
      credentials: { ticket: {} },
      authorize: async (credentials) => authenticateCrowdTicket(credentials),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.id = user.id!;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.id;
      session.user.role = token.role;
      return session;
    },
  },
}));

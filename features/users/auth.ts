import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Role } from "@/db/schema";
import { serverSecret } from "@/platform/secret";
import { SESSION_MAX_AGE } from "@/platform/auth/renew";
import { getDb } from "@/platform/db";
import { authenticate, authenticateCrowdTicket } from "./authenticate";
import { endSession } from "./queries";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id: string;
    role: Role;
    /** The user's session version at sign-in; platform/auth/session.ts refuses the token once it is raised. */
    sv: number;
    /** This session's id, kept when the cookie is renewed; signing out records it as ended. */
    sid: string;
  }
}

// Configured lazily: the secret is resolved on the first request, not when `next build` loads this module.
export const { handlers, signIn, signOut } = NextAuth(() => ({
  secret: serverSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
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
      authorize: async (credentials, request) => authenticate(credentials, request),
    }),
    // Crowd workers: the join route checks the link and hands over a signed, short-lived ticket.
    Credentials({
      id: "crowd",
      credentials: { ticket: {} },
      authorize: async (credentials) => authenticateCrowdTicket(credentials),
    }),
  ],
  events: {
    // Signing out (by the header's button or Auth.js's own endpoint) ends this session for good, so a copy of
    // its cookie taken before cannot be replayed; the user's other sessions go on.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sid === "string" && token.sid) {
        await endSession(await getDb(), {
          sid: token.sid,
          expiresAt: new Date((token.exp ?? Date.now() / 1000 + SESSION_MAX_AGE) * 1000),
        });
      }
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.id = user.id!;
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.sid = randomUUID();
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

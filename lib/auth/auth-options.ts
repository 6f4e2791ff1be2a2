import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "../db";
import { SignInError, verifyCredentials } from "./verify-credentials";
import { resolveClientIp } from "./resolve-client-ip";
import { endSignedOutSession } from "./end-signed-out-session";
import { publicOrigin } from "./public-origin";
import type { UserRole } from "../../generated/prisma/enums";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  // next-auth derives the same from NEXTAUTH_URL; stated so the session cookie is Secure (and
  // __Secure- prefixed) exactly when the public origin is https, whatever next-auth's default.
  useSecureCookies: publicOrigin()?.protocol === "https:",
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email: unknown = credentials?.email;
        const password: unknown = credentials?.password;
        if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
          throw new Error("Enter your email and password.");
        }
        try {
          const prisma = await getPrisma();
          return await verifyCredentials(prisma, { email, password, ip: resolveClientIp(req?.headers) });
        } catch (error) {
          // next-auth passes a thrown error's message to the client as `error`.
          if (error instanceof SignInError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & { role: UserRole; partnerId: string | null; sessionVersion: number };
        token.userId = signedIn.id;
        token.role = signedIn.role;
        token.partnerId = signedIn.partnerId;
        token.sessionVersion = signedIn.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.userId,
        role: token.role,
        partnerId: token.partnerId,
        sessionVersion: token.sessionVersion,
      };
      return session;
    },
  },
  events: {
    // A copied cookie must stop working once its owner signs out, not when the token expires.
    async signOut({ token }) {
      await endSignedOutSession(token);
    },
  },
};

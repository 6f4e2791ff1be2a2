import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "../db";
import { SignInError, verifyCredentials } from "./verify-credentials";
import type { UserRole } from "../../generated/prisma/enums";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const realIp = headers?.["x-real-ip"];
  return first || (Array.isArray(realIp) ? realIp[0] : realIp) || "unknown";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your email and password.");
        try {
          const prisma = await getPrisma();
          const user = await verifyCredentials(prisma, {
            email: credentials.email,
            password: credentials.password,
            ip: clientIp(req?.headers),
          });
          return user;
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
        const signedIn = user as typeof user & { role: UserRole; partnerId: string | null };
        token.userId = signedIn.id;
        token.role = signedIn.role;
        token.partnerId = signedIn.partnerId;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.userId,
        role: token.role,
        partnerId: token.partnerId,
      };
      return session;
    },
  },
};

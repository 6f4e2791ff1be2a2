import type { UserRole } from "../generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      role: UserRole;
      partnerId: string | null;
      sessionVersion?: number;
      name?: string | null;
      email?: string | null;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    role: UserRole;
    partnerId: string | null;
    /** User.sessionVersion when the token was issued; absent in tokens from before it existed. */
    sessionVersion?: number;
  }
}

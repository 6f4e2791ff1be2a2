import "server-only";
import bcrypt from "bcryptjs";
import { PASSWORD_BCRYPT_COST } from "./password-hash";
import type { PrismaClient } from "../../generated/prisma/client";
import type { UserRole } from "../../generated/prisma/enums";
import { admitSignInAttempt } from "./admit-sign-in-attempt";
import { settleSignInAttempt } from "./settle-sign-in-attempt";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId: string | null;
  /** Goes into the session token; the session ends once the user's version moves on. */
  sessionVersion: number;
}

export const SIGN_IN_ERRORS = {
  invalid: "The email or password is incorrect.",
  inactive: "This account has been deactivated. Ask an admin agent of your organisation to reactivate it.",
  // A direct CSP or a distributor is suspended by the portal's operator; a reseller by its distributor
  // (or along with it): each is told whom to ask.
  partnerSuspended: "Your partner organisation is suspended, so its users can't sign in. Contact Stackcenter support.",
  resellerSuspended: "Your reseller organisation or its distributor is suspended, so its users can't sign in. Contact your distributor.",
  rateLimited: (seconds: number) => `Too many failed sign-in attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
} as const;

export class SignInError extends Error {}

// A hash to compare against when the email is unknown, so timing doesn't reveal which emails exist.
let dummyHash: string | undefined;
function getDummyHash(): string {
  dummyHash ??= bcrypt.hashSync("stackcenter-no-such-user", PASSWORD_BCRYPT_COST);
  return dummyHash;
}

/** Checks a sign-in: throttling (see sign-in-throttle-policy), password, active user and partner. Throws SignInError. */
export async function verifyCredentials(prisma: PrismaClient, input: { email: string; password: string; ip: string }): Promise<SignedInUser> {
  const email = input.email.trim().toLowerCase();
  const admission = await admitSignInAttempt(prisma, { email, ip: input.ip });
  if (!admission.admitted) throw new SignInError(SIGN_IN_ERRORS.rateLimited(admission.retryAfterSeconds));

  const user = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      displayName: true,
      passwordHash: true,
      role: true,
      active: true,
      partnerId: true,
      sessionVersion: true,
      partner: { select: { status: true, parentId: true, parent: { select: { status: true } } } },
    },
  });
  const passwordOk = await bcrypt.compare(input.password, user?.passwordHash ?? getDummyHash());
  // A wrong password was counted by admitSignInAttempt already.
  if (!user || !passwordOk) {
    throw new SignInError(SIGN_IN_ERRORS.invalid);
  }
  await settleSignInAttempt(prisma, { email, ip: input.ip });
  const partnerSuspended = user.partner?.status === "SUSPENDED" || user.partner?.parent?.status === "SUSPENDED";
  if (partnerSuspended) throw new SignInError(user.partner?.parentId ? SIGN_IN_ERRORS.resellerSuspended : SIGN_IN_ERRORS.partnerSuspended);
  if (!user.active) throw new SignInError(SIGN_IN_ERRORS.inactive);

  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
  return { id: user.id, email: user.email, name: user.displayName, role: user.role, partnerId: user.partnerId, sessionVersion: user.sessionVersion };
}

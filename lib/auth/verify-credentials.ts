import "server-only";
import bcrypt from "bcryptjs";
import { PASSWORD_BCRYPT_COST } from "./password-hash";
import type { PrismaClient } from "../../generated/prisma/client";
import type { UserRole } from "../../generated/prisma/enums";
import { checkSignInRateLimit, recordSignInAttempt, signInAttemptKey } from "./sign-in-rate-limit";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId: string | null;
}

export const SIGN_IN_ERRORS = {
  invalid: "The email or password is incorrect.",
  inactive: "This account has been deactivated. Ask an admin agent of your organisation to reactivate it.",
  // A direct CSP or a distributor is suspended by the portal's operator; a reseller by its distributor
  // (or along with it): each is told whom to ask.
  partnerSuspended: "Your partner organisation is suspended, so its users can't sign in. Contact Stackcenter support.",
  resellerSuspended: "Your reseller organisation or its distributor is suspended, so its users can't sign in. Contact your distributor.",
  rateLimited: (minutes: number) =>
    `Too many failed sign-in attempts for this email from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
} as const;

export class SignInError extends Error {}

// A hash to compare against when the email is unknown, so timing doesn't reveal which emails exist.
let dummyHash: string | undefined;
function getDummyHash(): string {
  dummyHash ??= bcrypt.hashSync("stackcenter-no-such-user", PASSWORD_BCRYPT_COST);
  return dummyHash;
}

/** Checks a sign-in: rate limit per email+IP, password, active user and partner. Throws SignInError. */
export async function verifyCredentials(
  prisma: PrismaClient,
  input: { email: string; password: string; ip: string },
): Promise<SignedInUser> {
  const email = input.email.trim().toLowerCase();
  const key = signInAttemptKey(email, input.ip);
  const limit = await checkSignInRateLimit(prisma, key);
  if (limit.limited) throw new SignInError(SIGN_IN_ERRORS.rateLimited(limit.retryAfterMinutes));

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
      partner: { select: { status: true, parentId: true, parent: { select: { status: true } } } },
    },
  });
  const passwordOk = await bcrypt.compare(input.password, user?.passwordHash ?? getDummyHash());
  if (!user || !passwordOk) {
    await recordSignInAttempt(prisma, key, false);
    throw new SignInError(SIGN_IN_ERRORS.invalid);
  }
  const partnerSuspended =
    user.partner?.status === "SUSPENDED" || user.partner?.parent?.status === "SUSPENDED";
  if (partnerSuspended) throw new SignInError(user.partner?.parentId ? SIGN_IN_ERRORS.resellerSuspended : SIGN_IN_ERRORS.partnerSuspended);
  if (!user.active) throw new SignInError(SIGN_IN_ERRORS.inactive);

  await recordSignInAttempt(prisma, key, true);
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
  return { id: user.id, email: user.email, name: user.displayName, role: user.role, partnerId: user.partnerId };
}

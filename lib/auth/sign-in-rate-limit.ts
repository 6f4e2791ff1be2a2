import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";

// Failed sign-ins are counted per email+IP in the database, so the limit survives restarts and holds
// across server processes. A success clears the window for that key.
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;

export function signInAttemptKey(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}

export interface RateLimitState {
  limited: boolean;
  retryAfterMinutes: number;
}

export async function checkSignInRateLimit(
  prisma: PrismaClient,
  key: string,
  now = new Date(),
): Promise<RateLimitState> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const failures = await prisma.signInAttempt.findMany({
    where: { key, succeeded: false, attemptedAt: { gte: windowStart } },
    select: { attemptedAt: true },
    orderBy: { attemptedAt: "asc" },
  });
  if (failures.length < SIGN_IN_MAX_FAILURES) return { limited: false, retryAfterMinutes: 0 };
  const oldest = failures[failures.length - SIGN_IN_MAX_FAILURES].attemptedAt;
  const freeAt = oldest.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000;
  return { limited: true, retryAfterMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)) };
}

export async function recordSignInAttempt(prisma: PrismaClient, key: string, succeeded: boolean): Promise<void> {
  if (succeeded) {
    await prisma.signInAttempt.deleteMany({ where: { key } });
    return;
  }
  await prisma.signInAttempt.create({ data: { key, succeeded }, select: { id: true } });
}

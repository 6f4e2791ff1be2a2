// Helpers for the indirect-channel tests (onboarding, invitations, users, suspension).
import type { PrismaClient } from "../../generated/prisma/client";
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { uniqueSuffix } from "./factories";

export async function scopeOf(prisma: PrismaClient, userId: string): Promise<PartnerScope> {
  const scope = await resolvePartnerScope(prisma, { userId });
  if (!scope) throw new Error(`no scope for user ${userId}`);
  return scope;
}

/** The token at the end of an invitation path (/invite/<token>). */
export function tokenOf(invitePath: string): string {
  const token = invitePath.split("/").pop();
  if (!token) throw new Error(`not an invitation path: ${invitePath}`);
  return token;
}

/** A fresh, unused 7-digit MPN ID (factories use 6–9 million; these come from 1–2 million). */
let mpnCounter = 0;
export function freshMpnId(): string {
  mpnCounter += 1;
  return String(1_000_000 + (((Date.now() % 900_000) + mpnCounter * 7) % 1_000_000));
}

export function freshEmail(label = "person"): string {
  return `${label}-${uniqueSuffix()}@channel.example`;
}

export const GOOD_PASSWORD = "correct horse battery";

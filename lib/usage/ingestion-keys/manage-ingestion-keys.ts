import "server-only";
import { getPrisma } from "../../db";
import { assertScopeCan, type PartnerScope } from "../../auth/partner-scope";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { notFound } from "../../errors";
import { findRegistrationById } from "../../registrations/find-registration";
import { generateIngestionKey, hashIngestionKey, ingestionKeyDisplayPrefix } from "./ingestion-key-format";
import type { CreateIngestionKeyInput } from "./ingestion-key-schemas";

export interface IngestionKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedIngestionKey extends IngestionKeyRow {
  /** The plaintext key: returned by this call only; the database keeps its SHA-256 hash. */
  key: string;
}

const ROW_SELECT = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** The registration's keys, newest first (registrations the scope may change only). */
export async function listIngestionKeys(scope: PartnerScope, registrationId: string): Promise<IngestionKeyRow[]> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, registrationId, { forWrite: true });
  const prisma = await getPrisma();
  return prisma.ingestionKey.findMany({
    where: { registrationId: registration.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: ROW_SELECT,
  });
}

export async function createIngestionKey(scope: PartnerScope, input: CreateIngestionKeyInput): Promise<CreatedIngestionKey> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, input.registrationId, { forWrite: true });
  const key = generateIngestionKey();
  const prisma = await getPrisma();
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.ingestionKey.create({
      data: {
        registrationId: registration.id,
        name: input.name,
        prefix: ingestionKeyDisplayPrefix(key),
        keyHash: hashIngestionKey(key),
        createdByUserId: scope.userId,
      },
      select: ROW_SELECT,
    });
    // Name and prefix identify the key; never the key or its hash in the log.
    await recordAuditEvent(tx, scope, {
      action: "ingestionKey.create",
      targetType: "IngestionKey",
      targetId: created.id,
      partnerId: registration.partnerId,
      after: { registrationId: registration.id, name: created.name, prefix: created.prefix },
    });
    return created;
  });
  return { ...row, key };
}

/** Revokes a key of a registration the scope may change; refused from the next request on. Idempotent. */
export async function revokeIngestionKey(scope: PartnerScope, registrationId: string, keyId: string): Promise<{ id: string; revokedAt: Date }> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, registrationId, { forWrite: true });
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const key = await tx.ingestionKey.findFirst({ where: { id: keyId, registrationId: registration.id }, select: ROW_SELECT });
    if (!key) throw notFound("Ingestion key");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
    const revokedAt = new Date();
    const { count } = await tx.ingestionKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt } });
    if (count === 0) return { id: key.id, revokedAt };
    await recordAuditEvent(tx, scope, {
      action: "ingestionKey.revoke",
      targetType: "IngestionKey",
      targetId: key.id,
      partnerId: registration.partnerId,
      before: { registrationId: registration.id, name: key.name, prefix: key.prefix, revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { id: key.id, revokedAt };
  });
}

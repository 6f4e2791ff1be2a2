import "server-only";
import { getPrisma } from "../../db";
import { bearerToken } from "../../api-tokens/resolve-api-token-scope";
import { hashIngestionKey, isWellFormedIngestionKey } from "./ingestion-key-format";

const LAST_USED_RESOLUTION_MS = 60_000;

export interface IngestionKeyIdentity {
  keyId: string;
  registrationId: string;
}

/**
 * The registration an `Authorization: Bearer <ingestion key>` header speaks for, or null (missing,
 * malformed, unknown or revoked key; or a suspended partner). The key IS the stamp's identity:
 * nothing in the request body can name another registration.
 */
export async function authenticateIngestionKey(authorizationHeader: string | null | undefined): Promise<IngestionKeyIdentity | null> {
  const key = bearerToken(authorizationHeader);
  if (!key || !isWellFormedIngestionKey(key)) return null;
  const prisma = await getPrisma();
  const row = await prisma.ingestionKey.findUnique({
    where: { keyHash: hashIngestionKey(key) },
    select: { id: true, registrationId: true, revokedAt: true, lastUsedAt: true, registration: { select: { partner: { select: { status: true } } } } },
  });
  if (!row || row.revokedAt || row.registration.partner.status !== "ACTIVE") return null;

  const now = new Date();
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt <= staleBefore) {
    // Bookkeeping at most once a minute, conditional so concurrent batches write once; never fatal.
    await prisma.ingestionKey
      .updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] }, data: { lastUsedAt: now } })
      .catch((error: unknown) => console.warn("could not record ingestion key use", error instanceof Error ? error.message : error));
  }
  return { keyId: row.id, registrationId: row.registrationId };
}

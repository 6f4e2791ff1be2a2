import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { recordAuditEvent } from "../audit/record-audit-event";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from "./api-token-format";
import type { CreateApiTokenInput } from "./api-token-schemas";

export interface CreatedApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  /** The plaintext token. Returned by this call only: the database keeps just its SHA-256 hash. */
  token: string;
}

/**
 * Creates an API token for the caller's own partner (ADMIN_AGENT only). The token acts for that
 * partner through its creator (see resolve-api-token-scope.ts), so the creator is recorded.
 */
export async function createApiToken(scope: PartnerScope, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  assertScopeCan(scope, "apiTokens:manage");
  if (!scope.partnerId) throw new DomainError(COMMON_ERROR_CODES.Forbidden, "API tokens belong to a partner.");
  const partnerId = scope.partnerId;
  const token = generateApiToken();
  const prefix = apiTokenDisplayPrefix(token);

  const prisma = await getPrisma();
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { partnerId, name: input.name, prefix, tokenHash: hashApiToken(token), createdByUserId: scope.userId },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    // Never the token or its hash in the audit log: the name and prefix identify it.
    await recordAuditEvent(tx, scope, {
      action: "apiToken.create",
      targetType: "ApiToken",
      targetId: row.id,
      partnerId,
      after: { name: row.name, prefix: row.prefix },
    });
    return row;
  });
  return { ...created, token };
}

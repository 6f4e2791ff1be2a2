import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { PartnerScope } from "../auth/partner-scope";

type AuditClient = Pick<Prisma.TransactionClient, "auditEvent">;

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  /** The partner whose data changed; null for platform-level events. */
  partnerId: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Writes one audit event; call it with the transaction client of the mutation it records. */
export async function recordAuditEvent(client: AuditClient, actor: Pick<PartnerScope, "userId"> | null, entry: AuditEntry): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorUserId: actor?.userId ?? null,
      partnerId: entry.partnerId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before,
      after: entry.after,
    },
    select: { id: true },
  });
}

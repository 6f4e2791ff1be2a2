// Audit-coverage cases for lib/reconciliation/actions.ts: each case makes a fresh direct CSP with an
// imported period of its own, so cases never collide.
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { makePartner, makeUser } from "../support/factories";
import type { AuditCaseContext, AuditCases } from "./types";

async function freshImportedPeriod({ prisma }: AuditCaseContext): Promise<{ scope: PartnerScope; period: string }> {
  const partner = await makePartner(prisma, { kind: "DIRECT_CSP" });
  const user = await makeUser(prisma, { partnerId: partner.id, role: "BILLING_ADMIN" });
  const period = "2026-10";
  await prisma.reconciliationImport.create({
    data: {
      partnerId: partner.id,
      period,
      fileName: "recon.csv",
      fileHash: "0".repeat(64),
      format: "DAILY_RATED",
      state: "IMPORTED",
      current: true,
      importedById: user.id,
    },
    select: { id: true },
  });
  const scope = await resolvePartnerScope(prisma, { userId: user.id });
  if (!scope) throw new Error("no scope for the fresh billing admin");
  return { scope, period };
}

export const auditCases: AuditCases = {
  "reconciliation/actions#reviewReconciliationAction": {
    prepare: async (context) => {
      const { scope, period } = await freshImportedPeriod(context);
      return { scope, input: { period } };
    },
    expectedAuditAction: "reconciliation.review",
  },
  "reconciliation/actions#setReconciliationToleranceAction": {
    prepare: async (context) => {
      const { scope, period } = await freshImportedPeriod(context);
      return { scope, input: { period, tolerancePercent: "2.5" } };
    },
    expectedAuditAction: "reconciliation.tolerance",
  },
};

// Audit-coverage cases for the indirect channel's server actions (lib/partners/actions.ts and
// lib/users/actions.ts): each prepares fresh rows so cases never collide, and names the audit
// action its call must write. See ./types.ts; tests/partners-audit-cases.test.ts runs them alone.
import { randomInt, randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { resolvePartnerScope, type PartnerScope } from "../../lib/auth/partner-scope";
import { generateInvitationToken, hashInvitationToken } from "../../lib/users/invitation-format";
import { makeCustomer, makeDistributorWithResellers, makeUser, uniqueSuffix } from "../support/factories";
import type { AuditCases, AuditCaseContext } from "./types";

async function scopeOf(prisma: PrismaClient, userId: string): Promise<PartnerScope> {
  const scope = await resolvePartnerScope(prisma, { userId });
  if (!scope) throw new Error(`no scope for ${userId}`);
  return scope;
}

/** A fresh distributor (with its admin) and one reseller with an admin and a sales agent. */
async function channel({ prisma }: AuditCaseContext) {
  const { distributor, resellers } = await makeDistributorWithResellers(prisma, 1);
  const reseller = resellers[0];
  const distributorAdmin = await makeUser(prisma, { partnerId: distributor.id, role: "ADMIN_AGENT" });
  await makeUser(prisma, { partnerId: reseller.id, role: "ADMIN_AGENT" });
  const sales = await makeUser(prisma, { partnerId: reseller.id, role: "SALES_AGENT" });
  return { distributor, reseller, sales, scope: await scopeOf(prisma, distributorAdmin.id) };
}

async function pendingInvitation(prisma: PrismaClient, partnerId: string) {
  const token = generateInvitationToken();
  const invitation = await prisma.userInvitation.create({
    data: {
      partnerId,
      email: `audit-invitee-${uniqueSuffix()}@audit.example`,
      displayName: "Audit Invitee",
      role: "SALES_AGENT",
      tokenHash: hashInvitationToken(token),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  return { id: invitation.id, token };
}

export const auditCases: AuditCases = {
  "partners/actions#onboardResellerAction": {
    expectedAuditAction: "partner.onboardReseller",
    async prepare(context) {
      const { scope } = await channel(context);
      return {
        scope,
        input: {
          name: `Audit Reseller ${uniqueSuffix()}`,
          // 3xxxxxx: away from the demo data and the factories' MPN IDs.
          mpnId: String(randomInt(3_000_000, 4_000_000)),
          country: "US",
          adminName: "Audit Admin",
          adminEmail: `audit-admin-${uniqueSuffix()}@audit.example`,
        },
      };
    },
  },
  "partners/actions#suspendResellerAction": {
    expectedAuditAction: "partner.suspend",
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      return { scope, input: { resellerId: reseller.id } };
    },
  },
  "partners/actions#resumeResellerAction": {
    expectedAuditAction: "partner.resume",
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      await context.prisma.partner.update({ where: { id: reseller.id }, data: { status: "SUSPENDED" } });
      return { scope, input: { resellerId: reseller.id } };
    },
  },
  "partners/actions#setPartnerTenantIdAction": {
    expectedAuditAction: "partner.setTenantId",
    async prepare(context) {
      const { scope } = await channel(context);
      return { scope, input: { directoryTenantId: randomUUID() } };
    },
  },
  "partners/actions#setPartnerLogoAction": {
    expectedAuditAction: "partner.setLogo",
    async prepare(context) {
      const { scope } = await channel(context);
      return { scope, input: { contentType: "image/svg+xml", dataBase64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64") } };
    },
  },
  "partners/actions#removePartnerLogoAction": {
    expectedAuditAction: "partner.removeLogo",
    async prepare(context) {
      const { scope } = await channel(context);
      await context.prisma.partnerLogo.create({
        data: { partnerId: scope.partnerId ?? "", contentType: "image/png", bytes: Buffer.from("x"), sha256: "0".repeat(64) },
      });
      return { scope, input: {} };
    },
  },
  "users/actions#inviteUserAction": {
    expectedAuditAction: "invitation.create",
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      return {
        scope,
        input: { partnerId: reseller.id, email: `audit-new-${uniqueSuffix()}@audit.example`, displayName: "Audit New", role: "BILLING_ADMIN" },
      };
    },
  },
  "users/actions#inviteCustomerReaderAction": {
    expectedAuditAction: "invitation.create",
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      const customer = await makeCustomer(context.prisma, { partnerId: reseller.id });
      return { scope, input: { customerId: customer.id, email: `audit-reader-${uniqueSuffix()}@audit.example`, displayName: "Audit Reader" } };
    },
  },
  "users/actions#reissueInvitationAction": {
    expectedAuditAction: "invitation.reissue",
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      const invitation = await pendingInvitation(context.prisma, reseller.id);
      return { scope, input: { invitationId: invitation.id } };
    },
  },
  "users/actions#revokeInvitationAction": {
    expectedAuditAction: "invitation.revoke",
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      const invitation = await pendingInvitation(context.prisma, reseller.id);
      return { scope, input: { invitationId: invitation.id } };
    },
  },
  "users/actions#changeUserRoleAction": {
    expectedAuditAction: "user.changeRole",
    async prepare(context) {
      const { scope, sales } = await channel(context);
      return { scope, input: { userId: sales.id, role: "BILLING_ADMIN" } };
    },
  },
  "users/actions#deactivateUserAction": {
    expectedAuditAction: "user.deactivate",
    async prepare(context) {
      const { scope, sales } = await channel(context);
      return { scope, input: { userId: sales.id } };
    },
  },
  "users/actions#reactivateUserAction": {
    expectedAuditAction: "user.reactivate",
    async prepare(context) {
      const { scope, sales } = await channel(context);
      await context.prisma.user.update({ where: { id: sales.id }, data: { active: false } });
      return { scope, input: { userId: sales.id } };
    },
  },
  "users/actions#acceptInvitationAction": {
    // Public action (no session): the token is the credential; the scope is not used.
    expectedAuditAction: "invitation.accept",
    isPublic: true,
    async prepare(context) {
      const { scope, reseller } = await channel(context);
      const invitation = await pendingInvitation(context.prisma, reseller.id);
      const password = "audit-case-password-1";
      return { scope, input: { token: invitation.token, displayName: "Audit Accepter", password, confirmPassword: password } };
    },
  },
};

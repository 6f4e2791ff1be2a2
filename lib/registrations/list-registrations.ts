import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import type { MultiTenancyState } from "../../generated/prisma/enums";
import { visibleRegistrationsWhere } from "./registration-scope";

/** Registrations the scope sees, with their tenant counts; operators can list by approval state. */
export async function listRegistrations(scope: PartnerScope, filter: { multiTenancyState?: MultiTenancyState } = {}) {
  assertScopeCan(scope, scope.isOperator ? "platform:operate" : "registrations:read");
  const prisma = await getPrisma();
  return prisma.registration.findMany({
    where: { ...visibleRegistrationsWhere(scope), ...(filter.multiTenancyState ? { multiTenancyState: filter.multiTenancyState } : {}) },
    orderBy: [{ stampName: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      resourceGroup: true,
      subscriptionId: true,
      cloudDeploymentId: true,
      stampName: true,
      stampRegion: true,
      billingModel: true,
      usageReportingEnabled: true,
      multiTenancyState: true,
      multiTenancyRequestedAt: true,
      partner: { select: { id: true, name: true } },
      defaultSubscription: { select: { displayName: true, type: true } },
      _count: { select: { customerSubscriptions: true } },
      stampConnection: { select: { lastSuccessAt: true, newestUsageHour: true, lastErrorAt: true } },
    },
  });
}

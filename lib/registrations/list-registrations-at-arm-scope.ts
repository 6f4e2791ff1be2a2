import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { REGISTRATION_SELECT } from "./find-registration";
import { visibleRegistrationsWhere } from "./registration-scope";

/**
 * GET …/subscriptions/{id}[/resourceGroups/{rg}]/providers/Microsoft.AzureStack/registrations:
 * the scope's registrations under that subscription (and resource group, case-insensitively), in
 * creation order, a page at a time.
 */
export async function listRegistrationsAtArmScope(
  scope: PartnerScope,
  at: { subscriptionId: string; resourceGroup?: string },
  page: { skip: number; take: number },
) {
  assertScopeCan(scope, "registrations:read");
  const prisma = await getPrisma();
  const rows = await prisma.registration.findMany({
    where: {
      ...visibleRegistrationsWhere(scope),
      subscriptionId: at.subscriptionId.toLowerCase(),
      ...(at.resourceGroup ? { resourceGroup: { equals: at.resourceGroup, mode: "insensitive" as const } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take + 1,
    select: REGISTRATION_SELECT,
  });
  return { rows: rows.slice(0, page.take), nextSkip: rows.length > page.take ? page.skip + page.take : null };
}

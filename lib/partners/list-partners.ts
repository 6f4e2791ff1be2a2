import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";

/** The platform's partner directory, for operators (Microsoft's side) only. */
export async function listPartners(scope: PartnerScope) {
  assertScopeCan(scope, "partners:read");
  const prisma = await getPrisma();
  return prisma.partner.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      kind: true,
      mpnId: true,
      country: true,
      status: true,
      parent: { select: { name: true } },
      _count: { select: { customers: true, users: true } },
    },
  });
}

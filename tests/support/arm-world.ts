// The multi-tenant world (./world) plus what the ARM API needs: APSS subscriptions of the CSP
// partners and an API token of each partner's admin agent.
import type { PrismaClient } from "../../generated/prisma/client";
import { makeApssSubscription } from "./factories";
import { makeApiToken } from "./registration-fixtures";
import { makeWorld, type World } from "./world";

type PartnerKey = keyof World["partners"];

export async function makeArmWorld(prisma: PrismaClient) {
  const world = await makeWorld(prisma);
  const apss = {
    direct: await makeApssSubscription(prisma, world.partners.direct.id),
    otherDirect: await makeApssSubscription(prisma, world.partners.otherDirect.id),
    distributor: await makeApssSubscription(prisma, world.partners.distributor.id),
  };
  const tokens = {} as Record<PartnerKey, string>;
  for (const key of Object.keys(world.partners) as PartnerKey[]) {
    tokens[key] = (await makeApiToken(prisma, { partnerId: world.partners[key].id, createdByUserId: world.users[key].ADMIN_AGENT })).token;
  }
  return { ...world, apss, tokens };
}

export type ArmWorld = Awaited<ReturnType<typeof makeArmWorld>>;

/** What an API call may have written: compared before/after to prove a refused call changed nothing. */
export async function writeCounts(prisma: PrismaClient) {
  const [customerSubscriptions, auditEvents, registrations, lastRegistrationUpdate] = await Promise.all([
    prisma.customerSubscriptionRegistration.findMany({ orderBy: { id: "asc" }, select: { id: true, customerSubscriptionId: true, tenantId: true } }),
    prisma.auditEvent.count(),
    prisma.registration.count(),
    prisma.registration.aggregate({ _max: { updatedAt: true } }),
  ]);
  return { customerSubscriptions, auditEvents, registrations, lastRegistrationUpdate: lastRegistrationUpdate._max.updatedAt };
}

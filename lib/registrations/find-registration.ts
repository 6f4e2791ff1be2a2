import "server-only";
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { registrationErrors, type ArmRegistrationRef } from "./registration-errors";
import { manageableRegistrationsWhere, visibleRegistrationsWhere } from "./registration-scope";

export const REGISTRATION_SELECT = {
  id: true,
  partnerId: true,
  name: true,
  resourceGroup: true,
  subscriptionId: true,
  cloudDeploymentId: true,
  objectId: true,
  stampName: true,
  stampRegion: true,
  billingModel: true,
  agreementNumber: true,
  usageReportingEnabled: true,
  marketplaceSyndicationEnabled: true,
  tags: true,
  multiTenancyState: true,
  multiTenancyRequestedAt: true,
  multiTenancyDecidedAt: true,
  multiTenancyDecisionNote: true,
  createdAt: true,
  updatedAt: true,
  defaultSubscription: {
    select: { id: true, type: true, displayName: true, rollsUpToPartnerId: true, rollsUpToPartner: { select: { name: true } } },
  },
  partner: { select: { id: true, name: true, kind: true } },
} as const;

export type RegistrationRecord = NonNullable<Awaited<ReturnType<typeof findFirst>>>;

async function findFirst(where: Parameters<Awaited<ReturnType<typeof getPrisma>>["registration"]["findFirst"]>[0]) {
  const prisma = await getPrisma();
  return prisma.registration.findFirst({ ...where, select: REGISTRATION_SELECT });
}

/**
 * The registration at an ARM path (subscription + resource group + name), within the scope.
 * `forWrite` limits it to registrations the scope may change. Anything else is RegistrationNotFound,
 * echoing the three values given.
 */
export async function findRegistrationByRef(scope: PartnerScope, ref: ArmRegistrationRef, { forWrite = false } = {}): Promise<RegistrationRecord> {
  const scopeWhere = forWrite ? manageableRegistrationsWhere(scope) : visibleRegistrationsWhere(scope);
  // ARM resource group and resource names are case-insensitive.
  const registration = await findFirst({
    where: {
      ...scopeWhere,
      subscriptionId: ref.subscriptionId.toLowerCase(),
      resourceGroup: { equals: ref.resourceGroup, mode: "insensitive" },
      name: { equals: ref.name, mode: "insensitive" },
    },
  });
  if (!registration) throw registrationErrors.registrationNotFound(ref);
  return registration;
}

/** The registration with this id within the scope; another partner's is simply not found. */
export async function findRegistrationById(scope: PartnerScope, registrationId: string, { forWrite = false } = {}): Promise<RegistrationRecord> {
  const scopeWhere = forWrite ? manageableRegistrationsWhere(scope) : visibleRegistrationsWhere(scope);
  const registration = await findFirst({ where: { ...scopeWhere, id: registrationId } });
  if (!registration) throw notFound("Registration");
  return registration;
}

export function armRefOf(registration: Pick<RegistrationRecord, "subscriptionId" | "resourceGroup" | "name">): ArmRegistrationRef {
  return { subscriptionId: registration.subscriptionId, resourceGroup: registration.resourceGroup, name: registration.name };
}

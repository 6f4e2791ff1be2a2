// Registrations and API tokens written straight to the database for tests, in any state.
import { randomUUID } from "node:crypto";
import type { Prisma, Registration } from "../../generated/prisma/client";
import type { BillingModel, MultiTenancyState } from "../../generated/prisma/enums";
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from "../../lib/api-tokens/api-token-format";
import type { ArmRegistrationRef } from "../../lib/registrations/registration-errors";
import type { Db } from "./factories";

export interface MakeRegistrationOptions {
  partnerId: string;
  /** The registration (default) subscription: the partner's APSS or a customer CSP subscription. */
  subscriptionId: string;
  billingModel?: BillingModel;
  multiTenancyState?: MultiTenancyState;
  overrides?: Partial<Prisma.RegistrationUncheckedCreateInput>;
}

export async function makeRegistration(db: Db, options: MakeRegistrationOptions): Promise<Registration> {
  const cloudDeploymentId = randomUUID();
  const billingModel = options.billingModel ?? "PAY_AS_YOU_USE";
  return db.registration.create({
    data: {
      partnerId: options.partnerId,
      name: `azurestack-${cloudDeploymentId}`,
      resourceGroup: "azurestack",
      subscriptionId: options.subscriptionId,
      cloudDeploymentId,
      objectId: randomUUID(),
      stampName: `Stamp ${cloudDeploymentId.slice(0, 8)}`,
      stampRegion: "local",
      billingModel,
      agreementNumber: billingModel === "CAPACITY" ? "AZS-CAP-TEST" : null,
      usageReportingEnabled: billingModel === "PAY_AS_YOU_USE",
      multiTenancyState: options.multiTenancyState ?? (billingModel === "PAY_AS_YOU_USE" ? "APPROVED" : "NOT_REQUESTED"),
      ...options.overrides,
    },
  });
}

export function refOf(registration: Pick<Registration, "subscriptionId" | "resourceGroup" | "name">): ArmRegistrationRef {
  return { subscriptionId: registration.subscriptionId, resourceGroup: registration.resourceGroup, name: registration.name };
}

/** A token row for `partnerId` created by `createdByUserId`; returns the plaintext. */
export async function makeApiToken(
  db: Db,
  options: { partnerId: string; createdByUserId: string | null; name?: string; revokedAt?: Date },
): Promise<{ id: string; token: string }> {
  const token = generateApiToken();
  const row = await db.apiToken.create({
    data: {
      partnerId: options.partnerId,
      name: options.name ?? "test token",
      prefix: apiTokenDisplayPrefix(token),
      tokenHash: hashApiToken(token),
      createdByUserId: options.createdByUserId,
      revokedAt: options.revokedAt ?? null,
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

import "server-only";
import { hkdfSync } from "node:crypto";
import { SignJWT } from "jose";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { DomainError } from "../errors";
import { findRegistrationByRef } from "./find-registration";
import type { ArmRegistrationRef } from "./registration-errors";

const ACTIVATION_KEY_DAYS = 365;

function signingKey(): Uint8Array {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    throw new DomainError("ServiceUnavailable", "Activation keys can't be issued: the portal has no signing secret (NEXTAUTH_SECRET) configured.", {
      status: 503,
    });
  }
  // A key of its own, derived from the portal's secret, so an activation key can never pass as a session.
  return new Uint8Array(hkdfSync("sha256", secret, "stackcenter", "azure-stack-activation-key", 32));
}

/**
 * POST …/registrations/{name}/getactivationkey: the key a stamp's Marketplace management is
 * activated with (New-AzsActivationResource). A signed JWT naming the registration and the stamp,
 * valid for a year; issuing one changes nothing, so it writes no audit event.
 */
export async function issueActivationKey(scope: PartnerScope, ref: ArmRegistrationRef, issuer: string): Promise<{ activationKey: string }> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationByRef(scope, ref, { forWrite: true });
  const activationKey = await new SignJWT({
    cloudId: registration.cloudDeploymentId,
    objectId: registration.objectId,
    billingModel: registration.billingModel === "CAPACITY" ? "Capacity" : "PayAsYouUse",
    marketplaceSyndicationEnabled: registration.marketplaceSyndicationEnabled,
    usageReportingEnabled: registration.usageReportingEnabled,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(issuer)
    .setSubject(
      `/subscriptions/${registration.subscriptionId}/resourceGroups/${registration.resourceGroup}/providers/Microsoft.AzureStack/registrations/${registration.name}`,
    )
    .setAudience(registration.cloudDeploymentId)
    .setIssuedAt()
    .setExpirationTime(`${ACTIVATION_KEY_DAYS}d`)
    .sign(signingKey());
  return { activationKey };
}

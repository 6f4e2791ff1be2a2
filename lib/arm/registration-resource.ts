// GET|PUT …/providers/Microsoft.AzureStack/registrations/{name}: the ARM face of the registration
// service. PUT is Set-AzsRegistration: a new path creates the registration (201); an existing one is
// re-registered (200), where only the billing model, usage reporting, agreement number and stamp
// details may change: a registration's stamp (cloudId) is fixed.
import "server-only";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError, type FieldErrors } from "../actions/errors";
import { createRegistration } from "../registrations/create-registration";
import { findRegistrationByRef, type RegistrationRecord } from "../registrations/find-registration";
import { reregister } from "../registrations/reregister";
import { REGISTRATION_ERROR_CODES, type ArmRegistrationRef } from "../registrations/registration-errors";
import { registrationInputSchema, reregisterSchema } from "../registrations/registration-schemas";
import { zodFields } from "./arm-response";
import { fromArmBillingModel, registrationBodySchema, registrationResource, type ArmRegistrationResource } from "./arm-shapes";

/** Azure Stack's default region name, for PUTs that don't say (properties.stampRegion). */
const DEFAULT_STAMP_REGION = "local";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The service's field names → where the caller put the value (path segment or body property).
const ARM_FIELD_NAMES: Record<string, string> = {
  subscriptionId: "subscriptionId",
  resourceGroup: "resourceGroup",
  name: "registrationName",
  cloudDeploymentId: "properties.cloudId",
  billingModel: "properties.billingModel",
  agreementNumber: "properties.agreementNumber",
  usageReportingEnabled: "properties.usageReportingEnabled",
  stampName: "properties.stampName",
  stampRegion: "properties.stampRegion",
};

function validationFailed(fields: FieldErrors): DomainError {
  return new DomainError(COMMON_ERROR_CODES.ValidationFailed, "The registration has invalid values.", { fields });
}

function toArmFields(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([key, message]) => [ARM_FIELD_NAMES[key] ?? key, message]));
}

/** Runs a service call and renames its field errors to the API's names. */
async function withArmFieldNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.fields) {
      throw new DomainError(error.code, error.message, { status: error.status, fields: toArmFields(error.fields) });
    }
    throw error;
  }
}

export async function getRegistrationResource(scope: PartnerScope, ref: ArmRegistrationRef): Promise<ArmRegistrationResource> {
  assertScopeCan(scope, "registrations:read");
  return registrationResource(await findRegistrationByRef(scope, ref));
}

async function findExisting(scope: PartnerScope, ref: ArmRegistrationRef): Promise<RegistrationRecord | null> {
  try {
    return await findRegistrationByRef(scope, ref, { forWrite: true });
  } catch (error) {
    if (error instanceof DomainError && error.code === REGISTRATION_ERROR_CODES.RegistrationNotFound) return null;
    throw error;
  }
}

export async function putRegistrationResource(
  scope: PartnerScope,
  ref: ArmRegistrationRef,
  rawBody: unknown,
): Promise<{ status: 200 | 201; resource: ArmRegistrationResource }> {
  assertScopeCan(scope, "registrations:write");
  const body = registrationBodySchema.safeParse(rawBody);
  if (!body.success) throw validationFailed(zodFields(body.error));
  const properties = body.data.properties;
  const billingModel = fromArmBillingModel(properties.billingModel);

  const existing = await findExisting(scope, ref);
  if (!existing) {
    const input = registrationInputSchema.safeParse({
      subscriptionId: ref.subscriptionId,
      resourceGroup: ref.resourceGroup,
      name: ref.name,
      cloudDeploymentId: properties.cloudId,
      stampName: properties.stampName || ref.name,
      stampRegion: properties.stampRegion || DEFAULT_STAMP_REGION,
      billingModel,
      agreementNumber: properties.agreementNumber || undefined,
      // Set-AzsRegistration's default: connected (pay-as-you-use) stamps report usage.
      usageReportingEnabled: properties.usageReportingEnabled ?? billingModel === "PAY_AS_YOU_USE",
    });
    if (!input.success) throw validationFailed(toArmFields(zodFields(input.error)));
    const created = await withArmFieldNames(() => createRegistration(scope, input.data));
    return { status: 201, resource: registrationResource(created) };
  }

  const cloudId = properties.cloudId.toLowerCase();
  if (!GUID.test(cloudId)) throw validationFailed({ "properties.cloudId": "cloudId must be the stamp's CloudDeploymentID, a GUID." });
  if (cloudId !== existing.cloudDeploymentId) {
    throw new DomainError(
      COMMON_ERROR_CODES.Conflict,
      `Registration '${existing.name}' belongs to the stamp with cloudId ${existing.cloudDeploymentId}; a registration's cloudId can't change. ` +
        `Register the other stamp under its own registration name.`,
      { fields: { "properties.cloudId": "Doesn't match the registered stamp." } },
    );
  }

  const capacity = billingModel === "CAPACITY";
  const sameModel = existing.billingModel === billingModel;
  const next = {
    registrationId: existing.id,
    stampName: properties.stampName || existing.stampName,
    stampRegion: properties.stampRegion || existing.stampRegion,
    billingModel,
    // Omitted values keep what the registration has (for its billing model).
    agreementNumber: capacity ? properties.agreementNumber || existing.agreementNumber || undefined : undefined,
    usageReportingEnabled: capacity ? false : (properties.usageReportingEnabled ?? (sameModel ? existing.usageReportingEnabled : true)),
  };
  const unchanged =
    sameModel &&
    next.stampName === existing.stampName &&
    next.stampRegion === existing.stampRegion &&
    (next.agreementNumber ?? null) === existing.agreementNumber &&
    next.usageReportingEnabled === existing.usageReportingEnabled;
  // ARM PUTs are idempotent and scripts repeat them: an identical PUT writes (and audits) nothing.
  if (unchanged) return { status: 200, resource: registrationResource(existing) };

  const input = reregisterSchema.safeParse(next);
  if (!input.success) throw validationFailed(toArmFields(zodFields(input.error)));
  const updated = await withArmFieldNames(() => reregister(scope, input.data));
  return { status: 200, resource: registrationResource(updated) };
}

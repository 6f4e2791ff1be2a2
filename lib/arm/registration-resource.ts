// …/providers/Microsoft.AzureStack/registrations/{name}: the ARM face of the registration service.
// PUT is Set-AzsRegistration: a new path creates the registration (201); an existing one is
// re-registered (200), where only the billing model, usage reporting, agreement number and stamp
// details may change: a registration's stamp (cloudId) is fixed. PATCH sets tags and/or takes a new
// token; DELETE is idempotent (200 deleted, 204 nothing there).
import "server-only";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { COMMON_ERROR_CODES, DomainError, type FieldErrors } from "../errors";
import { createRegistration } from "../registrations/create-registration";
import { deleteRegistration } from "../registrations/delete-registration";
import { findRegistrationByRef, type RegistrationRecord } from "../registrations/find-registration";
import { reregister } from "../registrations/reregister";
import { updateRegistrationTags } from "../registrations/update-registration-tags";
import { REGISTRATION_ERROR_CODES, type ArmRegistrationRef } from "../registrations/registration-errors";
import { registrationInputSchema, reregisterSchema } from "../registrations/registration-schemas";
import { zodFields } from "./arm-response";
import { registrationBodySchema, registrationPatchSchema, stampValuesOf, type StampRegistrationValues } from "./arm-bodies";
import { fromArmBillingModel, registrationResource, type ArmRegistrationResource } from "./arm-shapes";

/** Azure Stack's default region name, for PUTs that don't say (properties.stampRegion). */
const DEFAULT_STAMP_REGION = "local";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The service's field names → where the caller put the value (path segment or body property).
const ARM_FIELD_NAMES: Record<string, string> = {
  subscriptionId: "subscriptionId",
  resourceGroup: "resourceGroup",
  name: "registrationName",
  cloudDeploymentId: "properties.cloudId",
  objectId: "properties.registrationToken",
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

async function createFromValues(scope: PartnerScope, ref: ArmRegistrationRef, values: StampRegistrationValues, tags: Record<string, string> | undefined) {
  const input = registrationInputSchema.safeParse({
    subscriptionId: ref.subscriptionId,
    resourceGroup: ref.resourceGroup,
    name: ref.name,
    cloudDeploymentId: values.cloudId,
    objectId: values.objectId,
    marketplaceSyndicationEnabled: values.marketplaceSyndicationEnabled,
    tags,
    stampName: values.stampName || ref.name,
    stampRegion: values.stampRegion || DEFAULT_STAMP_REGION,
    billingModel: fromArmBillingModel(values.billingModel),
    agreementNumber: values.agreementNumber,
    // Set-AzsRegistration's default: connected (pay-as-you-use) stamps report usage.
    usageReportingEnabled: values.usageReportingEnabled ?? values.billingModel === "PayAsYouUse",
  });
  if (!input.success) throw validationFailed(toArmFields(zodFields(input.error)));
  return withArmFieldNames(() => createRegistration(scope, input.data));
}

/** Re-registers an existing registration with the stamp's values; identical values write (and audit) nothing. */
async function reregisterFromValues(scope: PartnerScope, existing: RegistrationRecord, values: StampRegistrationValues): Promise<RegistrationRecord> {
  const cloudId = values.cloudId.toLowerCase();
  if (!GUID.test(cloudId)) throw validationFailed({ "properties.cloudId": "cloudId must be the stamp's CloudDeploymentID, a GUID." });
  if (cloudId !== existing.cloudDeploymentId) {
    throw new DomainError(
      COMMON_ERROR_CODES.Conflict,
      `Registration '${existing.name}' belongs to the stamp with cloudId ${existing.cloudDeploymentId}; a registration's cloudId can't change. ` +
        `Register the other stamp under its own registration name.`,
      { fields: { "properties.cloudId": "Doesn't match the registered stamp." } },
    );
  }
  const billingModel = fromArmBillingModel(values.billingModel);
  const capacity = billingModel === "CAPACITY";
  const sameModel = existing.billingModel === billingModel;
  const next = {
    registrationId: existing.id,
    stampName: values.stampName || existing.stampName,
    stampRegion: values.stampRegion || existing.stampRegion,
    billingModel,
    // Omitted values keep what the registration has (for its billing model).
    agreementNumber: capacity ? values.agreementNumber || existing.agreementNumber || undefined : undefined,
    usageReportingEnabled: capacity ? false : (values.usageReportingEnabled ?? (sameModel ? existing.usageReportingEnabled : true)),
    marketplaceSyndicationEnabled: values.marketplaceSyndicationEnabled ?? existing.marketplaceSyndicationEnabled,
  };
  const unchanged =
    sameModel &&
    next.stampName === existing.stampName &&
    next.stampRegion === existing.stampRegion &&
    (next.agreementNumber ?? null) === existing.agreementNumber &&
    next.usageReportingEnabled === existing.usageReportingEnabled &&
    next.marketplaceSyndicationEnabled === existing.marketplaceSyndicationEnabled;
  // ARM PUTs are idempotent and scripts repeat them.
  if (unchanged) return existing;
  const input = reregisterSchema.safeParse(next);
  if (!input.success) throw validationFailed(toArmFields(zodFields(input.error)));
  return withArmFieldNames(() => reregister(scope, input.data));
}

export async function putRegistrationResource(
  scope: PartnerScope,
  ref: ArmRegistrationRef,
  rawBody: unknown,
): Promise<{ status: 200 | 201; resource: ArmRegistrationResource }> {
  assertScopeCan(scope, "registrations:write");
  const body = registrationBodySchema.safeParse(rawBody);
  if (!body.success || !body.data.properties) throw validationFailed(body.success ? {} : zodFields(body.error));
  const values = stampValuesOf(body.data.properties);
  const existing = await findExisting(scope, ref);
  if (!existing) return { status: 201, resource: registrationResource(await createFromValues(scope, ref, values, body.data.tags)) };
  let updated = await reregisterFromValues(scope, existing, values);
  // Tags left out of a PUT are kept: Set-AzsRegistration sends none, and re-running it mustn't wipe them.
  if (body.data.tags) updated = await updateRegistrationTags(scope, updated.id, body.data.tags);
  return { status: 200, resource: registrationResource(updated) };
}

export async function patchRegistrationResource(scope: PartnerScope, ref: ArmRegistrationRef, rawBody: unknown): Promise<ArmRegistrationResource> {
  assertScopeCan(scope, "registrations:write");
  const body = registrationPatchSchema.safeParse(rawBody);
  if (!body.success) throw validationFailed(zodFields(body.error));
  let registration = await findRegistrationByRef(scope, ref, { forWrite: true });
  const token = body.data.properties?.registrationToken;
  if (token !== undefined) registration = await reregisterFromValues(scope, registration, stampValuesOf({ registrationToken: token }));
  if (body.data.tags) registration = await updateRegistrationTags(scope, registration.id, body.data.tags);
  return registrationResource(registration);
}

/** 200 when a registration was deleted, 204 when there was none (ARM's idempotent delete). */
export async function deleteRegistrationResource(scope: PartnerScope, ref: ArmRegistrationRef): Promise<200 | 204> {
  return (await deleteRegistration(scope, ref)) === "deleted" ? 200 : 204;
}

// Every error code the ARM-shaped API answers with, and its HTTP status: ARM's own protocol codes,
// the registration service's seed codes (REGISTRATION_ERROR_STATUS) and the common domain codes.
// One table, read by the response mapping's tests and the OpenAPI document, so neither can drift.
// Pure constants (no Prisma, no "server-only"): the OpenAPI route imports it.
import { COMMON_ERROR_CODES, DomainError, type FieldErrors } from "../errors";
import { REGISTRATION_ERROR_STATUS } from "../registrations/registration-errors";
import { INVALID_REGISTRATION_TOKEN } from "../registrations/decode-registration-token";
import { DELETE_REGISTRATION_ERROR_CODES } from "../registrations/delete-registration-error-codes";

/** The codes the ARM plumbing itself answers with (ARM's own names). */
export const ARM_PROTOCOL_ERROR_STATUS = {
  MissingApiVersionParameter: 400,
  InvalidApiVersionParameter: 400,
  InvalidRequestContent: 400,
  InvalidQueryParameterValue: 400,
  InvalidRequestUri: 400,
  InvalidSubscriptionId: 400,
  NoRegisteredProviderFound: 400,
  AuthenticationFailed: 401,
  InvalidResourceType: 404,
  ResourceNotFound: 404,
  MethodNotAllowed: 405,
  InternalServerError: 500,
} as const;

export type ArmProtocolErrorCode = keyof typeof ARM_PROTOCOL_ERROR_STATUS;

/** Domain codes the registration endpoints can raise besides the seed's (field validation, clashes). */
export const ARM_DOMAIN_ERROR_STATUS = {
  [COMMON_ERROR_CODES.ValidationFailed]: 400,
  [COMMON_ERROR_CODES.Forbidden]: 403,
  [COMMON_ERROR_CODES.Conflict]: 409,
  [INVALID_REGISTRATION_TOKEN]: 400,
  [DELETE_REGISTRATION_ERROR_CODES.RegistrationHasCustomerSubscriptions]: 409,
  [DELETE_REGISTRATION_ERROR_CODES.RegistrationHasUsage]: 409,
  ServiceUnavailable: 503,
} as const;

export const ARM_API_ERROR_STATUS = {
  ...ARM_PROTOCOL_ERROR_STATUS,
  ...ARM_DOMAIN_ERROR_STATUS,
  ...REGISTRATION_ERROR_STATUS,
} as const satisfies Record<string, number>;

export type ArmApiErrorCode = keyof typeof ARM_API_ERROR_STATUS;

/** For request parsing (body, query): thrown, it becomes a 400 with ARM's code. */
export function armRequestError(
  code: "InvalidRequestContent" | "InvalidQueryParameterValue" | "InvalidRequestUri" | "InvalidSubscriptionId",
  message: string,
  fields?: FieldErrors,
) {
  return new DomainError(code, message, { status: ARM_PROTOCOL_ERROR_STATUS[code], fields });
}

// The codes deleteRegistration refuses with; shared with the ARM status table and the OpenAPI document.
export const DELETE_REGISTRATION_ERROR_CODES = {
  /** Customer tenants are still added: removing the registration would silently re-bill their usage. */
  RegistrationHasCustomerSubscriptions: "RegistrationHasCustomerSubscriptions",
  /** Usage was stored: it is part of recon files and statements, which must stay reproducible. */
  RegistrationHasUsage: "RegistrationHasUsage",
} as const;

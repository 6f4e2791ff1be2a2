// The error vocabulary shared by server actions and API routes. Domain functions throw DomainError;
// the action wrapper turns it into an ActionResult, the API wrapper into a JSON body + HTTP status.
export const COMMON_ERROR_CODES = {
  Unauthenticated: "Unauthenticated",
  Forbidden: "Forbidden",
  NotFound: "NotFound",
  ValidationFailed: "ValidationFailed",
  Conflict: "Conflict",
  RateLimited: "RateLimited",
} as const;

export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[keyof typeof COMMON_ERROR_CODES];

/** Later domains add their own typed codes (e.g. the registration service's seed codes). */
export type ErrorCode = CommonErrorCode | (string & { readonly __domainCode?: never });

const DEFAULT_STATUS: Record<CommonErrorCode, number> = {
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  ValidationFailed: 400,
  Conflict: 409,
  RateLimited: 429,
};

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: FieldErrors;
  /** For transient failures: when the caller may try again (answered as Retry-After by the APIs). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: { status?: number; fields?: FieldErrors; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.status = options.status ?? DEFAULT_STATUS[code as CommonErrorCode] ?? 400;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Not-found and not-yours look the same from outside, so foreign ids leak nothing. */
export function notFound(what: string): DomainError {
  return new DomainError(COMMON_ERROR_CODES.NotFound, `${what} was not found.`);
}

export function forbidden(message = "Your role does not allow this."): DomainError {
  return new DomainError(COMMON_ERROR_CODES.Forbidden, message);
}

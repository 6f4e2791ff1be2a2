// ARM-shaped responses: JSON bodies, `{"error":{"code","message","details"?}}` errors, and the one
// mapping from thrown errors to HTTP statuses. (withArmHandler adds x-ms-request-id to each one.)
import "server-only";
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { COMMON_ERROR_CODES, DomainError, type FieldErrors } from "../errors";
import { ARM_PROTOCOL_ERROR_STATUS, type ArmProtocolErrorCode } from "./arm-error-codes";

export interface ArmErrorDetail {
  code: string;
  target: string;
  message: string;
}

export interface ArmErrorBody {
  error: { code: string; message: string; details?: ArmErrorDetail[] };
}

export function armJson(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

export function armNoContent(): Response {
  return new Response(null, { status: 204 });
}

/** An ARM error; field errors become `details` ({code, target, message} per field), as ARM lists them. */
export function armError(status: number, code: string, message: string, fields?: FieldErrors, headers?: HeadersInit): Response {
  const details = Object.entries(fields ?? {}).map(([target, fieldMessage]): ArmErrorDetail => ({ code, target, message: fieldMessage }));
  const body: ArmErrorBody = { error: { code, message, ...(details.length ? { details } : {}) } };
  return Response.json(body, { status, headers });
}

export function armProtocolError(code: ArmProtocolErrorCode, message: string, headers?: HeadersInit): Response {
  return armError(ARM_PROTOCOL_ERROR_STATUS[code], code, message, undefined, headers);
}

/** Zod issues as field errors, keyed by the body path callers know (e.g. "properties.cloudId"). */
export function zodFields(error: z.ZodError, prefix = ""): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Any thrown error as an ARM error response; unexpected ones are logged and answered generically. */
export function armErrorFromException(error: unknown, requestId: string): Response {
  if (error instanceof DomainError) {
    const headers = error.retryAfterSeconds !== undefined ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return armError(error.status, error.code, error.message, error.fields, headers);
  }
  if (error instanceof z.ZodError) {
    return armError(400, COMMON_ERROR_CODES.ValidationFailed, "The request has invalid values.", zodFields(error));
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    // A concurrent request created the same resource between our check and our write.
    return armError(409, COMMON_ERROR_CODES.Conflict, "A resource with the same identity was just created. Retry the request.");
  }
  // Logged under the x-ms-request-id the caller receives, so a support request can be matched.
  console.error(`Unexpected ARM API error (x-ms-request-id ${requestId})`, error);
  return armProtocolError(
    "InternalServerError",
    `The server encountered an internal error. Try again later; if the problem persists, contact support with request id ${requestId}.`,
  );
}

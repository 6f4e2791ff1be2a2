// The JSON error envelope of the portal's non-ARM APIs (price list, recon, statements, audit):
// `{"ok":false,"error":{"code","message","fields"?,"details"?}}` with the status of the error.
import "server-only";
import { z } from "zod";
import { COMMON_ERROR_CODES, DomainError } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/actions/run-action";
import { PriceListImportError } from "@/lib/pricing/price-list-import-error";
import type { ImportFailure } from "@/lib/pricing/import-protocol";

/** Any thrown error as the JSON error body and status of the price list API; never leaks internals. */
export function toApiError(error: unknown): { status: number; error: ImportFailure } {
  if (error instanceof PriceListImportError) {
    return { status: error.status, error: { code: error.code, message: error.message, details: error.details } };
  }
  if (error instanceof DomainError) {
    return { status: error.status, error: { code: error.code, message: error.message, fields: error.fields } };
  }
  if (error instanceof z.ZodError) {
    return {
      status: 400,
      error: { code: COMMON_ERROR_CODES.ValidationFailed, message: "Some parameters need attention.", fields: zodFieldErrors(error) },
    };
  }
  console.error("Unexpected price list API error", error);
  return { status: 500, error: { code: "InternalError", message: "Something went wrong on our side. Nothing was changed; try again." } };
}

export function apiErrorResponse(error: unknown): Response {
  const { status, error: body } = toApiError(error);
  return Response.json({ ok: false, error: body }, { status });
}

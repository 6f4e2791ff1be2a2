import type { ErrorCode, FieldErrors } from "../errors";

export type ActionError = { code: ErrorCode; message: string; fields?: FieldErrors };

/** The one result shape of every server action. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(error: ActionError): ActionResult<never> {
  return { ok: false, error };
}

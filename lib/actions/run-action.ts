import "server-only";
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { requireActionScope } from "../auth/get-scope";
import type { PartnerScope } from "../auth/partner-scope";
import type { Permission } from "../auth/permissions";
import { fail, ok, type ActionResult } from "./action-result";
import { COMMON_ERROR_CODES, DomainError, type FieldErrors } from "../errors";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "../http/unstorable-text";

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Maps any thrown error to the action error shape; unexpected ones are logged, never shown raw. */
export function toActionError(error: unknown): ActionResult<never> {
  if (error instanceof DomainError) {
    return fail({ code: error.code, message: error.message, fields: error.fields });
  }
  if (error instanceof z.ZodError) {
    return fail({
      code: COMMON_ERROR_CODES.ValidationFailed,
      message: "Some fields need attention.",
      fields: zodFieldErrors(error),
    });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return fail({ code: COMMON_ERROR_CODES.Conflict, message: "A record with the same unique value already exists." });
  }
  console.error("Unexpected server action error", error);
  return fail({ code: "InternalError", message: "Something went wrong on our side. Nothing was changed; try again." });
}

/**
 * The body of every server action: authenticate, authorise the role, validate the input with the
 * action's zod schema, run the scoped domain function, and return one ActionResult shape.
 */
export async function runAction<Schema extends z.ZodType, T>(
  permission: Permission,
  schema: Schema,
  input: unknown,
  handler: (scope: PartnerScope, data: z.output<Schema>) => Promise<T>,
): Promise<ActionResult<T>> {
  return runScopedAction(() => requireActionScope(permission), schema, input, handler);
}

/** runAction's body with the caller's scope resolved by `resolveScope` (the partner's or a customer reader's). */
export async function runScopedAction<Schema extends z.ZodType, T>(
  resolveScope: () => Promise<PartnerScope>,
  schema: Schema,
  input: unknown,
  handler: (scope: PartnerScope, data: z.output<Schema>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const scope = await resolveScope();
    // Text PostgreSQL can't store is refused here, for every action alike, before any schema.
    const unstorable = findUnstorableText(input);
    if (unstorable) {
      const message = `This value ${UNSTORABLE_TEXT_MESSAGE}`;
      return fail({ code: COMMON_ERROR_CODES.ValidationFailed, message: "Some fields need attention.", fields: { [unstorable]: message } });
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return toActionError(parsed.error);
    return ok(await handler(scope, parsed.data));
  } catch (error) {
    return toActionError(error);
  }
}

"use server";
// Server actions for a registration's ingestion keys (registration page). Scope from the session;
// ids from the client are looked up within registrations the caller may change.
import { revalidatePath } from "next/cache";
import { runAction } from "../../actions/run-action";
import type { ActionResult } from "../../actions/action-result";
import { createIngestionKeySchema, revokeIngestionKeySchema } from "./ingestion-key-schemas";
import { createIngestionKey, revokeIngestionKey, type CreatedIngestionKey } from "./manage-ingestion-keys";

export async function createIngestionKeyAction(input: unknown): Promise<ActionResult<CreatedIngestionKey>> {
  return runAction("registrations:write", createIngestionKeySchema, input, async (scope, data) => {
    const created = await createIngestionKey(scope, data);
    revalidatePath(`/registrations/${data.registrationId}`);
    return created;
  });
}

export async function revokeIngestionKeyAction(input: unknown): Promise<ActionResult<{ id: string; revokedAt: Date }>> {
  return runAction("registrations:write", revokeIngestionKeySchema, input, async (scope, data) => {
    const revoked = await revokeIngestionKey(scope, data.registrationId, data.keyId);
    revalidatePath(`/registrations/${data.registrationId}`);
    return revoked;
  });
}

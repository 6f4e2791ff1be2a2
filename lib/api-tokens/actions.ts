"use server";
// Server actions for API tokens (Settings → API tokens). The caller's scope comes from the session
// on the server; token ids from the client are looked up within the caller's partner only.
import { revalidatePath } from "next/cache";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { createApiTokenSchema, revokeApiTokenSchema } from "./api-token-schemas";
import { createApiToken, type CreatedApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";

const PAGE = "/settings/api-tokens";

/** Returns the plaintext token: the only time it is ever shown. */
export async function createApiTokenAction(input: unknown): Promise<ActionResult<CreatedApiToken>> {
  return runAction("apiTokens:manage", createApiTokenSchema, input, async (scope, data) => {
    const created = await createApiToken(scope, data);
    revalidatePath(PAGE);
    return created;
  });
}

export async function revokeApiTokenAction(input: unknown): Promise<ActionResult<{ id: string; revokedAt: Date }>> {
  return runAction("apiTokens:manage", revokeApiTokenSchema, input, async (scope, data) => {
    const revoked = await revokeApiToken(scope, data.tokenId);
    revalidatePath(PAGE);
    return revoked;
  });
}

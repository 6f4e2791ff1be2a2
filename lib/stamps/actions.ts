"use server";
// Server actions for stamp connections (admin agents): ids are looked up within the caller's scope
// by the domain functions; the secret never comes back to the browser.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "../actions/run-action";
import type { ActionResult } from "../actions/action-result";
import { saveStampConnection } from "./save-stamp-connection";
import { testStampConnection, type ConnectionStep } from "./test-stamp-connection";
import { stampConnectionInputSchema } from "./stamp-connection-schemas";

const registrationIdSchema = z.object({ registrationId: z.string().trim().min(1).max(64) });

export async function saveStampConnectionAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("registrations:write", stampConnectionInputSchema, input, async (scope, data) => {
    const saved = await saveStampConnection(scope, data);
    revalidatePath(`/registrations/${data.registrationId}`);
    return saved;
  });
}

export async function testStampConnectionAction(input: unknown): Promise<ActionResult<{ steps: ConnectionStep[] }>> {
  return runAction("registrations:write", registrationIdSchema, input, async (scope, data) => ({
    steps: await testStampConnection(scope, data.registrationId),
  }));
}

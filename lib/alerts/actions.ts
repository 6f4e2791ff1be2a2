"use server";
// Server actions for alerts: the signed-in user's notifications (read state), the partner's alert
// settings and its webhooks. Each validates with the schema beside it (alert-schemas.ts), resolves
// the caller's scope on the server, looks ids up within the caller's partner (or user) and writes
// its audit event.
import { revalidatePath } from "next/cache";
import { runAction, runScopedAction } from "../actions/run-action";
import { requireCustomerActionScope } from "../auth/get-scope";
import type { ActionResult } from "../actions/action-result";
import {
  alertWebhookIdSchema,
  createAlertWebhookSchema,
  markNotificationsReadSchema,
  saveAlertSettingsSchema,
  setAlertWebhookActiveSchema,
} from "./alert-schemas";
import { markNotificationsRead } from "./mark-notifications-read";
import { saveAlertSettings } from "./save-alert-settings";
import { createAlertWebhook, type CreatedAlertWebhook } from "./create-alert-webhook";
import { setAlertWebhookActive } from "./set-alert-webhook-active";
import { deleteAlertWebhook } from "./delete-alert-webhook";
import { rotateAlertWebhookSecret } from "./rotate-alert-webhook-secret";
import { sendTestAlertWebhook, type TestWebhookResult } from "./send-test-alert-webhook";

const WEBHOOKS_PAGE = "/settings/webhooks";

export async function markNotificationsReadAction(input: unknown): Promise<ActionResult<{ marked: number }>> {
  return runAction("notifications:read", markNotificationsReadSchema, input, async (scope, data) => {
    const result = await markNotificationsRead(scope, data);
    revalidatePath("/notifications");
    return result;
  });
}

/** The same for a customer reader (the customer portal's notifications, where the partner sends them alerts). */
export async function markMyNotificationsReadAction(input: unknown): Promise<ActionResult<{ marked: number }>> {
  return runScopedAction(requireCustomerActionScope, markNotificationsReadSchema, input, async (scope, data) => {
    const result = await markNotificationsRead(scope, data);
    revalidatePath("/my/notifications");
    return result;
  });
}

export async function saveAlertSettingsAction(input: unknown): Promise<ActionResult<{ partnerId: string }>> {
  return runAction("alerts:manage", saveAlertSettingsSchema, input, async (scope, data) => {
    const result = await saveAlertSettings(scope, data);
    revalidatePath("/settings/alerts");
    return result;
  });
}

/** Returns the signing secret in clear: the only time it is ever shown. */
export async function createAlertWebhookAction(input: unknown): Promise<ActionResult<CreatedAlertWebhook>> {
  return runAction("alerts:manage", createAlertWebhookSchema, input, async (scope, data) => {
    const result = await createAlertWebhook(scope, data);
    revalidatePath(WEBHOOKS_PAGE);
    return result;
  });
}

export async function setAlertWebhookActiveAction(input: unknown): Promise<ActionResult<{ id: string; active: boolean }>> {
  return runAction("alerts:manage", setAlertWebhookActiveSchema, input, async (scope, data) => {
    const result = await setAlertWebhookActive(scope, data);
    revalidatePath(WEBHOOKS_PAGE);
    return result;
  });
}

export async function deleteAlertWebhookAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("alerts:manage", alertWebhookIdSchema, input, async (scope, data) => {
    const result = await deleteAlertWebhook(scope, data.webhookId);
    revalidatePath(WEBHOOKS_PAGE);
    return result;
  });
}

export async function rotateAlertWebhookSecretAction(input: unknown): Promise<ActionResult<CreatedAlertWebhook>> {
  return runAction("alerts:manage", alertWebhookIdSchema, input, (scope, data) => rotateAlertWebhookSecret(scope, data.webhookId));
}

export async function sendTestAlertWebhookAction(input: unknown): Promise<ActionResult<TestWebhookResult>> {
  return runAction("alerts:manage", alertWebhookIdSchema, input, (scope, data) => sendTestAlertWebhook(scope, data.webhookId));
}

import "server-only";
// A webhook of the caller's partner, by id, inside the caller's transaction; another partner's
// webhook is simply not found.
import type { Prisma } from "../../generated/prisma/client";
import { notFound } from "../errors";

export async function findOwnAlertWebhook(
  tx: Pick<Prisma.TransactionClient, "alertWebhook">,
  partnerId: string,
  webhookId: string,
): Promise<{ id: string; url: string; active: boolean; secretCiphertext: string }> {
  const webhook = await tx.alertWebhook.findFirst({
    where: { id: webhookId, partnerId },
    select: { id: true, url: true, active: true, secretCiphertext: true },
  });
  if (!webhook) throw notFound("Webhook");
  return webhook;
}

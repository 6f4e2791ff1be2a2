import "server-only";
// The caller's partner's webhooks (never their secrets), with each one's delivery counts.
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { requireAlertPartner } from "./require-alert-partner";

export interface AlertWebhookRow {
  id: string;
  url: string;
  active: boolean;
  createdAt: Date;
  deliveries: number;
}

export async function listAlertWebhooks(scope: PartnerScope): Promise<AlertWebhookRow[]> {
  const partnerId = requireAlertPartner(scope);
  const prisma = await getPrisma();
  const rows = await prisma.alertWebhook.findMany({
    where: { partnerId },
    select: { id: true, url: true, active: true, createdAt: true, _count: { select: { deliveries: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, deliveries: _count.deliveries }));
}

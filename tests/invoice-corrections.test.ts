// Close → download the frozen recon file and invoice → ingest a correction of the closed period →
// the downloads are byte-identical, and the next period's invoice carries the adjustment (once).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { COMMERCE, makePriceList, makeUsageRegistration, METERS, usageRecord } from "./support/usage-fixtures";
import { makeRateCard } from "./support/chargeback-fixtures";
import { unsafeIngestUsageBatch } from "../lib/usage/unsafe-ingest-usage-batch";
import { unsafeSyncLocalSubscriptions } from "../lib/usage/unsafe-sync-local-subscriptions";
import { unsafeClosePeriod } from "../lib/periods/unsafe-close-period";
import { getFrozenRecon } from "../lib/periods/get-frozen-recon";
import { getInvoice } from "../lib/invoices/get-invoice";
import { getInvoicePdf } from "../lib/invoices/get-invoice-pdf";
import { listInvoices } from "../lib/invoices/list-invoices";
import { unsafeFreezeReconFile } from "../lib/periods/unsafe-freeze-recon-file";
import { unsafeBillingPartnerScope } from "../lib/periods/unsafe-billing-partner-scope";

let database: Database;
let world: World;
let registrationId: string;
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const readAll = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());
const hours = (day: string, count: number) => Array.from({ length: count }, (_, hour) => `${day}T${String(hour).padStart(2, "0")}:00:00Z`);

withTestWorld(async (context) => {
  ({ database, world } = context);
  await makePriceList(database.prisma, { market: "US", currency: "USD", effectiveFrom: "2026-01-01", prices: { [COMMERCE.vm]: "0.008" } });
  const setup = await makeUsageRegistration(database.prisma, world);
  registrationId = setup.registration.id;
  await unsafeSyncLocalSubscriptions(registrationId, {
    value: [{ subscriptionId: "tenant-sub-1", tenantId: setup.tenantId, isProviderSubscription: false, displayName: "Tenant" }],
  });
  await makeRateCard(database.prisma, { ownerPartnerId: world.partners.direct.id, level: "DEFAULT", versions: [{ from: "2026-01-01", defaultMarkup: "50" }] });
  // October 12th: 10 hours × 4 vcores of Base VM (→ the VM commerce meter, 1:1).
  const records = hours("2026-10-12", 10).map((start) => usageRecord({ start, meterId: METERS.baseVm, quantity: 4 }));
  await unsafeIngestUsageBatch(registrationId, records, { now: new Date("2026-10-13T06:00:00Z"), dayCloseHours: 48 });
  // November 2nd: 1 hour × 2 vcores.
  await unsafeIngestUsageBatch(registrationId, [usageRecord({ start: "2026-11-02T00:00:00Z", meterId: METERS.baseVm, quantity: 2 })], {
    now: new Date("2026-11-02T06:00:00Z"),
    dayCloseHours: 48,
  });
});

describe("a correction to a closed period", () => {
  it("leaves the frozen downloads byte-identical and becomes an adjustment line on the next invoice", async () => {
    const partnerId = world.partners.direct.id;
    const admin = await world.scope("direct", "BILLING_ADMIN");
    await unsafeClosePeriod(database, partnerId, "2026-10", null, { now: new Date("2026-11-05T06:00:00Z") });
    const recon = await getFrozenRecon(admin, "2026-10");
    const reconBytes = await readAll(recon.body);
    expect(reconBytes.length).toBe(recon.bytes);
    const [october] = await listInvoices(admin, { period: "2026-10" });
    const pdf = await getInvoicePdf(admin, october.id);
    const octoberView = await getInvoice(admin, october.id);
    // 40 vcore hours × 0.008 × 1.5 = 0.48.
    expect(octoberView.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([["USAGE", "40", "0.48"]]);

    // The stamp replays October 12th's first three hours with 10 vcores each (a correction: +18).
    const corrected = hours("2026-10-12", 3).map((start) => usageRecord({ start, meterId: METERS.baseVm, quantity: 10 }));
    const outcome = await unsafeIngestUsageBatch(registrationId, corrected, { now: new Date("2026-11-10T06:00:00Z"), dayCloseHours: 48 });
    expect(outcome.corrected).toBe(3);
    // The live file moved; the frozen one did not.
    const live = await unsafeFreezeReconFile(database, await unsafeBillingPartnerScope(database.prisma, partnerId, null), "2026-10");
    expect(live.sha256).not.toBe(recon.sha256);
    expect(sha(await readAll((await getFrozenRecon(admin, "2026-10")).body))).toBe(sha(reconBytes));
    expect(sha(reconBytes)).toBe(recon.sha256);
    expect(sha((await getInvoicePdf(admin, october.id)).bytes)).toBe(sha(pdf.bytes));
    expect(await getInvoice(admin, october.id)).toEqual(octoberView);

    await unsafeClosePeriod(database, partnerId, "2026-11", null, { now: new Date("2026-12-05T06:00:00Z") });
    const [november] = await listInvoices(admin, { period: "2026-11" });
    const novemberView = await getInvoice(admin, november.id);
    expect(novemberView.lines.map((line) => [line.kind, line.description, line.quantity, line.amount, line.refPeriod, line.refLineId])).toEqual([
      // November's own usage: 2 × 0.012 = 0.024 → 0.02.
      ["USAGE", "VM", "2", "0.02", null, null],
      // 58 vcore hours now: 0.696 → 0.70, billed 0.48: +0.22 for +18 vcore hours, referencing October's line.
      ["ADJUSTMENT", "Adjustment: VM", "18", "0.22", "2026-10", octoberView.lines[0].id],
    ]);
    expect(novemberView.total).toBe("0.24");
    const audit = await database.prisma.auditEvent.findMany({ where: { action: "invoice.adjustment" }, select: { targetId: true, after: true } });
    expect(audit).toEqual([{ targetId: november.id, after: expect.objectContaining({ refPeriod: "2026-10", amount: "0.22" }) }]);

    // Billed once: December's close finds nothing left to adjust.
    await unsafeClosePeriod(database, partnerId, "2026-12", null, { now: new Date("2027-01-05T06:00:00Z") });
    expect(await database.prisma.invoiceLine.count({ where: { kind: "ADJUSTMENT" } })).toBe(1);
  });
});

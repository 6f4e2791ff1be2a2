// Chargeback server actions: who may call them, zod and domain field errors with typed codes, scoped
// ids, the open-period rule for versions, billed local meters refused, and an audit event per change
// (each audit-coverage case of tests/audit-coverage/chargeback-cases.ts is proven here too).
import { describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { type World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { auditCases } from "./audit-coverage/chargeback-cases";
import { withTestWorld } from "./support/with-test-world";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const actions = await import("../lib/chargeback/actions");
const { listRateCards, getRateCard } = await import("../lib/chargeback/list-rate-cards");
const { createRateCardAction, addRateCardVersionAction, setCustomerBudgetAction, clearCustomerBudgetAction } = actions;

let database: Database;
let world: World;
const VM = "7bc19779-56bc-474d-8c88-36fbd79ae004";
const BASE_VM_LOCAL = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";
const STATIC_IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";
const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;
const lastMonthDay = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
};

withTestWorld((context) => ({ database, world } = context), { resetSession: true });

const auditCount = (action: string, targetId: string) => database.prisma.auditEvent.count({ where: { action, targetId } });

describe("rate card actions", () => {
  it("only billing partners' admin and billing roles manage rate cards", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await createRateCardAction({ level: "DEFAULT" })).toMatchObject({ ok: false, error: { code: "NotBillingPartner" } });
    testSession.scope = await world.scope("distributor", "SALES_AGENT");
    expect(await createRateCardAction({ level: "DEFAULT" })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
    testSession.scope = await world.operatorScope();
    expect(await createRateCardAction({ level: "DEFAULT" })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
  });

  it("creates one card per subject, scoped to the caller's resellers and customers", async () => {
    testSession.scope = await world.scope("distributor", "BILLING_ADMIN");
    const created = await createRateCardAction({ level: "RESELLER", resellerId: world.partners.resellerA.id });
    if (!created.ok) throw new Error(created.error.message);
    expect(await auditCount("rateCard.create", created.data.id)).toBe(1);
    expect(await createRateCardAction({ level: "RESELLER", resellerId: world.partners.resellerA.id })).toMatchObject({
      ok: false,
      error: { code: "RateCardExists", fields: { resellerId: expect.any(String) } },
    });
    expect(await createRateCardAction({ level: "RESELLER" })).toMatchObject({
      ok: false,
      error: { code: "ValidationFailed", fields: { resellerId: "Choose the reseller." } },
    });
    expect(await createRateCardAction({ level: "CUSTOMER", customerId: world.customers.direct.customer.id })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    expect(await createRateCardAction({ level: "CUSTOMER", customerId: world.customers.resellerB.customer.id })).toMatchObject({ ok: true });
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await createRateCardAction({ level: "RESELLER", resellerId: world.partners.resellerA.id })).toMatchObject({
      ok: false,
      error: { code: "ValidationFailed", fields: { level: expect.any(String) } },
    });
  });

  it("adds versions with per-meter field errors, the open-period rule and unique dates", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    const card = await createRateCardAction({ level: "DEFAULT" });
    if (!card.ok) throw new Error(card.error.message);
    const base = { rateCardId: card.data.id, effectiveFrom: thisMonth(), defaultMarkupPercent: "10" };

    expect(await addRateCardVersionAction({ ...base, markups: { [VM]: "12,5" }, unitPrices: { [STATIC_IP]: "-1" } })).toMatchObject({
      ok: false,
      error: {
        code: "ValidationFailed",
        fields: { [`markups.${VM}`]: expect.stringMatching(/markup/), [`unitPrices.${STATIC_IP}`]: expect.stringMatching(/unit price/) },
      },
    });
    expect(await addRateCardVersionAction({ ...base, markups: { [VM]: "-150" } })).toMatchObject({
      ok: false,
      error: { fields: { [`markups.${VM}`]: expect.stringMatching(/−100/) } },
    });
    expect(await addRateCardVersionAction({ ...base, effectiveFrom: lastMonthDay() })).toMatchObject({
      ok: false,
      error: { code: "EffectiveDateInClosedPeriod", fields: { effectiveFrom: `Choose ${thisMonth()} or later.` } },
    });
    expect(await addRateCardVersionAction({ ...base, effectiveFrom: "2026-02-30" })).toMatchObject({
      ok: false,
      error: { fields: { effectiveFrom: expect.any(String) } },
    });
    // A unit price on a local meter Microsoft bills: refused, pointing at its commerce meter.
    expect(await addRateCardVersionAction({ ...base, unitPrices: { [BASE_VM_LOCAL]: "0.01" } })).toMatchObject({
      ok: false,
      error: { code: "InvalidRateEntry", fields: { [`unitPrices.${BASE_VM_LOCAL}`]: expect.stringMatching(/set a markup on that commerce meter/) } },
    });
    expect(await addRateCardVersionAction({ ...base, markups: { [STATIC_IP]: "5" } })).toMatchObject({
      ok: false,
      error: { code: "InvalidRateEntry", fields: { [`markups.${STATIC_IP}`]: expect.any(String) } },
    });
    expect(await database.prisma.rateCardVersion.count({ where: { rateCardId: card.data.id } })).toBe(0);

    const added = await addRateCardVersionAction({
      ...base,
      markups: { [VM.toUpperCase()]: " 25 ", "fb8c0713-ea20-40bf-901f-5560fd3f6330": "" },
      unitPrices: { [STATIC_IP]: "0.004" },
    });
    expect(added).toMatchObject({ ok: true });
    const stored = await database.prisma.rateCardVersion.findFirstOrThrow({ where: { rateCardId: card.data.id }, include: { entries: true } });
    expect(stored.defaultMarkupPercent?.toFixed(4)).toBe("10.0000");
    expect(stored.entries.map((e) => [e.commerceMeterId, e.markupPercent?.toFixed(), e.localMeterId, e.unitPrice?.toFixed()]).sort()).toEqual([
      [null, undefined, STATIC_IP, "0.004"],
      [VM, "25", null, undefined],
    ]);
    expect(await auditCount("rateCard.version.create", card.data.id)).toBe(1);
    expect(await addRateCardVersionAction({ ...base })).toMatchObject({
      ok: false,
      error: { code: "VersionDateTaken", fields: { effectiveFrom: expect.any(String) } },
    });
    expect(await addRateCardVersionAction({ ...base, effectiveFrom: "2099-01-01", defaultMarkupPercent: "" })).toMatchObject({ ok: true });

    // Markup bounds; a negative one only as an explicit discount.
    const future = { ...base, effectiveFrom: "2099-02-01" };
    expect(await addRateCardVersionAction({ ...future, defaultMarkupPercent: "1001" })).toMatchObject({
      ok: false,
      error: { fields: { defaultMarkupPercent: expect.stringMatching(/at most 1000/) } },
    });
    expect(await addRateCardVersionAction({ ...future, defaultMarkupPercent: "-5" })).toMatchObject({
      ok: false,
      error: { fields: { defaultMarkupPercent: expect.stringMatching(/discount/) } },
    });
    expect(await addRateCardVersionAction({ ...future, defaultMarkupPercent: "-5", discount: true })).toMatchObject({ ok: true, data: { replaced: false } });
    // A version that hasn't started is replaced (audited with what it replaced); one in force since an earlier day is not.
    expect(await addRateCardVersionAction({ ...future, defaultMarkupPercent: "20", replaceExisting: true })).toMatchObject({
      ok: true,
      data: { replaced: true },
    });
    expect(await database.prisma.rateCardVersion.count({ where: { rateCardId: card.data.id, effectiveFrom: new Date("2099-02-01T00:00:00Z") } })).toBe(1);
    expect(await auditCount("rateCard.version.replace", card.data.id)).toBe(1);
    if (thisMonth() < new Date().toISOString().slice(0, 10)) {
      expect(await addRateCardVersionAction({ ...base, replaceExisting: true })).toMatchObject({ ok: false, error: { code: "VersionAlreadyStarted" } });
    }

    // Listed with its versions' dates, like the price list versions; the one in force is today's.
    const scope = await world.scope("direct", "BILLING_ADMIN");
    const [listed] = await listRateCards(scope);
    expect(listed).toMatchObject({ id: card.data.id, level: "DEFAULT", versionDates: [thisMonth(), "2099-01-01", "2099-02-01"], currentFrom: thisMonth() });
    const detail = await getRateCard(scope, card.data.id);
    expect(detail.versions.map((v) => [v.effectiveFrom, v.defaultMarkupPercent?.toFixed() ?? null])).toEqual([
      ["2099-02-01", "20"],
      ["2099-01-01", null],
      [thisMonth(), "10"],
    ]);
    expect(detail.versions[2].markups).toEqual([expect.objectContaining({ meterId: VM, meterName: "VM" })]);
    expect(detail.versions[2].unitPrices).toEqual([expect.objectContaining({ meterId: STATIC_IP, meterName: "Static IP Address Usage" })]);

    // Another partner's card id is simply not found.
    testSession.scope = await world.scope("distributor", "ADMIN_AGENT");
    expect(await addRateCardVersionAction({ ...base, effectiveFrom: "2099-01-01" })).toMatchObject({ ok: false, error: { code: "NotFound" } });
  });
});

describe("budget actions", () => {
  it("set, change and clear a budget, audited; foreign customers not found; amounts validated", async () => {
    const customerId = world.customers.resellerA.customer.id;
    testSession.scope = await world.scope("resellerA", "BILLING_ADMIN");
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "12.345" })).toMatchObject({
      ok: false,
      error: { fields: { monthlyAmount: expect.any(String) } },
    });
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "0" })).toMatchObject({
      ok: false,
      error: { fields: { monthlyAmount: "A budget must be more than 0." } },
    });
    // Only the customer's billing currency (free text once saved "Dollars" as "DOL").
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "250.50", currency: "EUR" })).toMatchObject({
      ok: false,
      error: { fields: { currency: expect.stringMatching(/USD/) } },
    });
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "250.50", currency: "usd" })).toMatchObject({ ok: true });
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "300" })).toMatchObject({ ok: true });
    const budget = await database.prisma.customerBudget.findUniqueOrThrow({ where: { customerId } });
    expect([budget.monthlyAmount.toFixed(2), budget.currency]).toEqual(["300.00", "USD"]);
    expect(await auditCount("customerBudget.set", customerId)).toBe(2);
    expect(await clearCustomerBudgetAction({ customerId })).toMatchObject({ ok: true });
    expect(await database.prisma.customerBudget.count({ where: { customerId } })).toBe(0);
    expect(await auditCount("customerBudget.clear", customerId)).toBe(1);

    testSession.scope = await world.scope("resellerB", "ADMIN_AGENT");
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "10" })).toMatchObject({ ok: false, error: { code: "NotFound" } });
    testSession.scope = await world.scope("resellerA", "SALES_AGENT");
    expect(await setCustomerBudgetAction({ customerId, monthlyAmount: "10" })).toMatchObject({ ok: false, error: { code: "Forbidden" } });
  });
});

describe("audit-coverage cases", () => {
  for (const [key, auditCase] of Object.entries(auditCases)) {
    it(`${key} writes ${auditCase.expectedAuditAction}`, async () => {
      const name = key.split("#")[1] as keyof typeof actions;
      const { scope, input } = await auditCase.prepare({ prisma: database.prisma, world });
      testSession.scope = scope;
      const before = await database.prisma.auditEvent.count({ where: { action: auditCase.expectedAuditAction, actorUserId: scope.userId } });
      const result = await (actions[name] as (input: unknown) => Promise<{ ok: boolean }>)(input);
      expect(result).toMatchObject({ ok: true });
      expect(await database.prisma.auditEvent.count({ where: { action: auditCase.expectedAuditAction, actorUserId: scope.userId } })).toBe(before + 1);
    });
  }
  it("has a case for every exported action", () => {
    expect(
      Object.keys(auditCases)
        .map((k) => k.split("#")[1])
        .sort(),
    ).toEqual(Object.keys(actions).sort());
  });
});

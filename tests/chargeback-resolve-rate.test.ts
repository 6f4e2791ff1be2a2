// Rate-card resolution (pure): customer > reseller > default per meter, by date, version boundaries,
// per-meter fallback to the most specific default markup, and 0 % when no card says anything.
import { describe, expect, it } from "vitest";
import { resolveCommerceRate, resolveLocalRate, versionInForce, type RateCardData, type RateCardSet } from "../lib/chargeback/resolve-rate";

const VM = "7bc19779-56bc-474d-8c88-36fbd79ae004";
const BLOB = "8a913f38-33b4-4772-9488-e89522fc09e5";
const WIN = "fb8c0713-ea20-40bf-901f-5560fd3f6330";
const IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";

function card(
  level: RateCardData["level"],
  versions: { from: string; def?: string; markups?: Record<string, string>; prices?: Record<string, string> }[],
): RateCardData {
  return {
    id: `${level}-card`,
    level,
    versions: versions.map((v, i) => ({
      id: `${level}-v${i}`,
      effectiveFrom: v.from,
      defaultMarkupPercent: v.def ?? null,
      markups: new Map(Object.entries(v.markups ?? {})),
      unitPrices: new Map(Object.entries(v.prices ?? {})),
    })),
  };
}

const cards: RateCardSet = {
  DEFAULT: card("DEFAULT", [
    { from: "2026-01-01", def: "10", prices: { [IP]: "0.004" } },
    { from: "2026-06-01", def: "12", markups: { [WIN]: "5" } },
  ]),
  RESELLER: card("RESELLER", [
    { from: "2026-03-01", markups: { [VM]: "25" } },
    { from: "2026-03-16", def: "20", markups: { [VM]: "30" }, prices: { [IP]: "0.006" } },
  ]),
  CUSTOMER: card("CUSTOMER", [{ from: "2026-04-01", markups: { [BLOB]: "0" } }]),
};

describe("versionInForce", () => {
  it("is the latest version on or before the day; none before the first", () => {
    expect(versionInForce(cards.RESELLER, "2026-02-28")).toBeNull();
    expect(versionInForce(cards.RESELLER, "2026-03-01")?.id).toBe("RESELLER-v0");
    expect(versionInForce(cards.RESELLER, "2026-03-15")?.id).toBe("RESELLER-v0");
    expect(versionInForce(cards.RESELLER, "2026-03-16")?.id).toBe("RESELLER-v1");
    expect(versionInForce(undefined, "2026-03-16")).toBeNull();
  });
});

describe("resolveCommerceRate", () => {
  it("customer entry beats reseller entry beats default", () => {
    // Block blob: the customer's 0 % entry wins over every default markup.
    expect(resolveCommerceRate(cards, "2026-04-01", BLOB)).toMatchObject({ source: { level: "CUSTOMER", via: "entry" } });
    expect(resolveCommerceRate(cards, "2026-04-01", BLOB).markupPercent.toFixed()).toBe("0");
    // VM: the reseller's entry (the customer card has none for VM).
    const vm = resolveCommerceRate(cards, "2026-04-01", VM);
    expect(vm.markupPercent.toFixed()).toBe("30");
    expect(vm.source).toMatchObject({ level: "RESELLER", via: "entry", effectiveFrom: "2026-03-16" });
  });

  it("follows version boundaries day by day", () => {
    expect(resolveCommerceRate(cards, "2026-02-28", VM).markupPercent.toFixed()).toBe("10"); // default only
    expect(resolveCommerceRate(cards, "2026-03-01", VM).markupPercent.toFixed()).toBe("25");
    expect(resolveCommerceRate(cards, "2026-03-15", VM).markupPercent.toFixed()).toBe("25");
    expect(resolveCommerceRate(cards, "2026-03-16", VM).markupPercent.toFixed()).toBe("30");
  });

  it("an entry at a less specific level beats a more specific level's default markup", () => {
    // Windows VM on 2026-06-01: the reseller's default is 20 %, but the DEFAULT card has an entry (5 %).
    const win = resolveCommerceRate(cards, "2026-06-01", WIN);
    expect(win.markupPercent.toFixed()).toBe("5");
    expect(win.source).toMatchObject({ level: "DEFAULT", via: "entry" });
  });

  it("a meter without any entry takes the most specific level's default markup", () => {
    // Windows VM before June: no entry anywhere; the reseller's v0 has no default (null), v1 has 20.
    expect(resolveCommerceRate(cards, "2026-03-10", WIN)).toMatchObject({ source: { level: "DEFAULT", via: "defaultMarkup" } });
    expect(resolveCommerceRate(cards, "2026-03-10", WIN).markupPercent.toFixed()).toBe("10");
    expect(resolveCommerceRate(cards, "2026-03-20", WIN)).toMatchObject({ source: { level: "RESELLER", via: "defaultMarkup" } });
    expect(resolveCommerceRate(cards, "2026-03-20", WIN).markupPercent.toFixed()).toBe("20");
  });

  it("no card in force: 0 % (Microsoft's price), no source", () => {
    expect(resolveCommerceRate(cards, "2025-12-31", VM)).toMatchObject({ source: null });
    expect(resolveCommerceRate({}, "2026-05-01", VM).markupPercent.toFixed()).toBe("0");
  });
});

describe("resolveLocalRate", () => {
  it("takes the most specific unit price in force, and charges nothing without one", () => {
    expect(resolveLocalRate(cards, "2026-03-01", IP)?.unitPrice.toFixed()).toBe("0.004");
    expect(resolveLocalRate(cards, "2026-03-16", IP)?.unitPrice.toFixed()).toBe("0.006");
    // From June the DEFAULT card's new version has no IP price, but the reseller's v1 still does.
    expect(resolveLocalRate(cards, "2026-07-01", IP)).toMatchObject({ source: { level: "RESELLER" } });
    expect(resolveLocalRate({ DEFAULT: cards.DEFAULT }, "2026-07-01", IP)).toBeNull();
    expect(resolveLocalRate(cards, "2026-07-01", "9e2739ba-8674-4796-b465-f64674b822ba")).toBeNull();
  });
});

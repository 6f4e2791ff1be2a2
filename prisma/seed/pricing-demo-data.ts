// The demo price list as plain records in Partner Center's columns (no database access): the
// Azure Stack rows of the 14 commerce meters at the illustrative prices of
// ../shared/reference/README.md, plus a few hundred global Azure rows in other regions, in two
// markets (US/USD, DE/EUR). Deterministic: ids come from ./prng, prices from fixed tables.
import Decimal from "decimal.js";
import type { PriceField } from "../../lib/pricing/price-list-columns";
import { deterministicGuid } from "./prng";

export const DEMO_PRICE_EFFECTIVE_FROM = "2026-01-01";
export const DEMO_PRICE_SOURCE = "Demo price list (illustrative prices)";
/** Illustrative USD→EUR conversion for the DE market (demo data, not an official rate). */
export const DEMO_EUR_PER_USD = new Decimal("0.92");
export const DEMO_MARKETS = [
  { market: "US", currency: "USD" },
  { market: "DE", currency: "EUR" },
] as const;

export type DemoPriceRecord = Record<PriceField, string>;

export interface DemoCommerceMeter {
  id: string;
  serviceName: string;
  serviceType: string | null;
  resourceName: string;
  unitOfMeasure: string;
  audience: "TENANT" | "ADMIN";
}

/** USD per unit for an Azure Stack commerce meter; admin meters cost the same as their tenant twins. */
export function azureStackDemoPrice(meter: DemoCommerceMeter): Decimal {
  if (meter.serviceName === "Virtual Machines") return new Decimal(meter.resourceName.startsWith("Windows") ? "0.046" : "0.008");
  if (meter.serviceName === "App Service") return new Decimal("0.056");
  if (meter.serviceType === "Tables" || meter.serviceType === "Queues") return new Decimal("0.018");
  return new Decimal("0.006"); // block blob and standard (page blob) disks
}

const productId = (key: string) => `DZH${deterministicGuid(`product:${key}`).replace(/-/g, "").slice(0, 9).toUpperCase()}`;

function inMarket(usd: Decimal, currency: string): string {
  return (currency === "USD" ? usd : usd.mul(DEMO_EUR_PER_USD)).toDecimalPlaces(6).toFixed();
}

function record(values: Partial<DemoPriceRecord>): DemoPriceRecord {
  return {
    productTitle: "",
    productId: "",
    skuId: "",
    skuTitle: "",
    publisher: "Microsoft",
    skuDescription: "",
    unitOfMeasure: "",
    termDuration: "",
    market: "",
    currency: "",
    unitPrice: "",
    tierMin: "0",
    tierMax: "",
    effectiveStartDate: DEMO_PRICE_EFFECTIVE_FROM,
    effectiveEndDate: "",
    meterIds: "",
    meterType: "Consumption",
    tags: "demo",
    region: "",
    meterName: "",
    meterCategory: "",
    meterSubCategory: "",
    ...values,
  };
}

/** The Azure Stack rows: one per commerce meter and market. */
export function azureStackDemoRecords(meters: DemoCommerceMeter[]): DemoPriceRecord[] {
  return DEMO_MARKETS.flatMap(({ market, currency }) =>
    meters.map((meter) => {
      const admin = meter.audience === "ADMIN";
      const skuTitle = meter.serviceType ? `${meter.serviceType}${admin ? " Admin" : ""}` : meter.resourceName;
      return record({
        productTitle: `Azure Stack Hub ${meter.serviceName}`,
        productId: productId(`azs:${meter.serviceName}`),
        skuId: meter.id.slice(0, 4).toUpperCase(),
        skuTitle,
        skuDescription: `${skuTitle} usage of ${admin ? "the operator's own (admin)" : "tenant"} subscriptions on Azure Stack Hub`,
        unitOfMeasure: meter.unitOfMeasure,
        market,
        currency,
        unitPrice: inMarket(azureStackDemoPrice(meter), currency),
        meterIds: meter.id,
        tags: "Azure Stack Hub; demo",
        region: "Azure Stack",
        meterName: `${skuTitle}, ${meter.unitOfMeasure}`,
        meterCategory: meter.serviceName,
        meterSubCategory: meter.serviceType ?? "",
      });
    }),
  );
}

/** [region, price factor against US East]. */
const GLOBAL_REGIONS: [string, string][] = [
  ["US East", "1"],
  ["US West 2", "1"],
  ["US Central", "1.04"],
  ["EU West", "1.08"],
  ["EU North", "1.06"],
  ["UK South", "1.1"],
  ["DE West Central", "1.12"],
  ["AP Southeast", "1.15"],
  ["JA East", "1.18"],
  ["AU East", "1.2"],
];

/** [category, product, sku, unit, USD price in US East; "a|b@t" = tiers: price a to t, then b]. */
const GLOBAL_SKUS: [string, string, string, string, string][] = [
  ["Virtual Machines", "Virtual Machines Dsv5 Series", "D2s v5", "1 Hour", "0.096"],
  ["Virtual Machines", "Virtual Machines Dsv5 Series", "D4s v5", "1 Hour", "0.192"],
  ["Virtual Machines", "Virtual Machines Dsv5 Series Windows", "D2s v5", "1 Hour", "0.188"],
  ["Virtual Machines", "Virtual Machines Dsv5 Series Windows", "D4s v5", "1 Hour", "0.376"],
  ["Virtual Machines", "Virtual Machines Esv5 Series", "E4s v5", "1 Hour", "0.252"],
  ["Virtual Machines", "Virtual Machines Esv5 Series Windows", "E4s v5", "1 Hour", "0.436"],
  ["Virtual Machines", "Virtual Machines BS Series", "B2s", "1 Hour", "0.0416"],
  ["Virtual Machines", "Virtual Machines BS Series Windows", "B2s", "1 Hour", "0.0496"],
  ["Storage", "Blob Storage", "Hot LRS", "1 GB/Month", "0.0184|0.0177@51200"],
  ["Storage", "Blob Storage", "Cool LRS", "1 GB/Month", "0.01"],
  ["Storage", "Standard HDD Managed Disks", "S10 LRS", "1/Month", "5.89"],
  ["Storage", "Premium SSD Managed Disks", "P10 LRS", "1/Month", "19.71"],
  ["SQL Database", "SQL Database Single General Purpose", "vCore", "1 Hour", "0.5044"],
  ["SQL Database", "SQL Database Single Business Critical", "vCore", "1 Hour", "1.3589"],
  ["App Service", "Azure App Service Basic Plan", "B1", "1 Hour", "0.075"],
  ["App Service", "Azure App Service Premium v3 Plan", "P1 v3", "1 Hour", "0.2"],
  ["Functions", "Functions", "Standard Execution Time", "1 GB Second", "0|0.000016@400000"],
  ["Bandwidth", "Bandwidth", "Standard Data Transfer Out", "1 GB", "0|0.087@100"],
  ["Key Vault", "Key Vault", "Standard Operations", "10K", "0.03"],
  ["Azure Monitor", "Log Analytics", "Pay-as-you-go Data Ingestion", "1 GB", "2.76"],
];

/** Global Azure rows: every sku in every region and market (tiered skus give two rows). */
export function globalDemoRecords(): DemoPriceRecord[] {
  const rows: DemoPriceRecord[] = [];
  for (const { market, currency } of DEMO_MARKETS) {
    for (const [region, factor] of GLOBAL_REGIONS) {
      for (const [category, product, sku, unit, prices] of GLOBAL_SKUS) {
        const [, first, second, threshold] = /^([\d.]+)(?:\|([\d.]+)@(\d+))?$/.exec(prices) ?? [];
        const tiers = second
          ? [
              [first, "0", threshold],
              [second, threshold, ""],
            ]
          : [[first, "0", ""]];
        const windows = product.endsWith("Windows");
        for (const [price, min, max] of tiers) {
          rows.push(
            record({
              productTitle: product,
              productId: productId(product),
              skuId: sku.replace(/\W/g, "").slice(0, 4).toUpperCase().padEnd(4, "0"),
              skuTitle: sku,
              skuDescription: `${product} ${sku}${windows ? " (Windows licence included)" : ""}`,
              unitOfMeasure: unit,
              market,
              currency,
              unitPrice: inMarket(new Decimal(price).mul(factor), currency),
              tierMin: min,
              tierMax: max,
              meterIds: deterministicGuid(`meter:${product}:${sku}:${region}`),
              region,
              meterName: sku,
              meterCategory: category,
              meterSubCategory: product,
            }),
          );
        }
      }
    }
  }
  return rows;
}

// A synthetic Partner Center price list of any size, generated as a stream of CSV chunks, for
// the import tests and `npm run bench:pricelist`. Deterministic (no Math.random): row i is always
// the same, and every row has its own meter, so the file imports cleanly.
import { stringify } from "csv-stringify/sync";
import { PRICE_LIST_HEADER } from "./price-list-columns";

const REGIONS = ["US East", "US West 2", "EU West", "EU North", "UK South", "AP Southeast", "JA East", "AU East", "Azure Stack"];
const PRODUCTS: [string, string, string][] = [
  ["Virtual Machines", "Virtual Machines Dsv5 Series", "1 Hour"],
  ["Virtual Machines", "Virtual Machines Dsv5 Series Windows", "1 Hour"],
  ["Storage", "Blob Storage", "1 GB/Month"],
  ["SQL Database", "SQL Database Single General Purpose", "1 Hour"],
  ["App Service", "Azure App Service Premium v3 Plan", "1 Hour"],
  ["Bandwidth", "Bandwidth", "1 GB"],
  ["Key Vault", "Key Vault", "10K"],
];

export interface SyntheticPriceListOptions {
  rows: number;
  market?: string;
  currency?: string;
  /** Distinguishes the meters of two files (hex, up to 8 characters). */
  meterPrefix?: string;
  /** Multiplies every price, to tell versions apart. */
  priceFactor?: number;
  rowsPerChunk?: number;
}

/** Meter id of synthetic row `index`. */
export function syntheticMeterId(index: number, meterPrefix = "5e7a"): string {
  const prefix = meterPrefix.padStart(8, "0").slice(-8);
  return `${prefix}-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

function syntheticRecord(index: number, options: SyntheticPriceListOptions): string[] {
  const [category, product, unit] = PRODUCTS[index % PRODUCTS.length];
  const region = REGIONS[Math.floor(index / PRODUCTS.length) % REGIONS.length];
  const sku = `S${(index % 997).toString().padStart(3, "0")} v${1 + (index % 5)}`;
  // Integer arithmetic on micro-units: exact, no float drift in the written price.
  const microUnits = (1000 + ((index * 7919) % 2_000_000)) * (options.priceFactor ?? 1);
  const price = (Math.round(microUnits) / 1_000_000).toFixed(6);
  return [
    product,
    `DZH${(index % 9973).toString(36).toUpperCase().padStart(6, "0")}`,
    sku.replace(/\W/g, "").slice(0, 4),
    sku,
    "Microsoft",
    `${product} ${sku}`,
    unit,
    "",
    options.market ?? "US",
    options.currency ?? "USD",
    price,
    "0",
    "",
    "2026-01-01",
    "",
    syntheticMeterId(index, options.meterPrefix),
    "Consumption",
    "",
    region,
    `${sku} ${category}`,
    category,
    product,
  ];
}

/** The CSV (header first) in chunks of `rowsPerChunk` rows. */
export async function* syntheticPriceListCsv(options: SyntheticPriceListOptions): AsyncGenerator<string> {
  const perChunk = options.rowsPerChunk ?? 1000;
  yield stringify([PRICE_LIST_HEADER]);
  for (let start = 0; start < options.rows; start += perChunk) {
    const records: string[][] = [];
    for (let i = start; i < Math.min(options.rows, start + perChunk); i++) records.push(syntheticRecord(i, options));
    yield stringify(records);
  }
}

// The price list file formats the importer accepts and the download writes, shared by the
// importer, the CSV download and the UI. Pure: no server-only. Sources: Partner Center's "Get a
// price sheet" API (the Azure plan price sheet's header and a sample row) and "Price list for the
// new commerce experience in CSP for Azure" (its field list); Azure Stack Hub's "Usage reporting
// infrastructure for Cloud Service Providers" (the older "Azure in Global CSP price list", filtered
// on Region = Azure Stack) with the Partner Center Azure Rate Card's meter fields. See docs/price-list.md.

/** Fields of a price list row, in the order of the portal's extended CSV. */
export const PRICE_FIELDS = [
  "productTitle",
  "productId",
  "skuId",
  "skuTitle",
  "publisher",
  "skuDescription",
  "unitOfMeasure",
  "termDuration",
  "market",
  "currency",
  "unitPrice",
  "tierMin",
  "tierMax",
  "effectiveStartDate",
  "effectiveEndDate",
  "meterIds",
  "meterType",
  "tags",
  "region",
  "meterName",
  "meterCategory",
  "meterSubCategory",
] as const;

export type PriceField = (typeof PRICE_FIELDS)[number];

interface ColumnSpec {
  /** The header we write (Partner Center's spelling). */
  header: string;
  /** Other spellings accepted on import (the older Global CSP price list's among them). */
  aliases?: string[];
}

export const PRICE_COLUMNS: Record<PriceField, ColumnSpec> = {
  productTitle: { header: "ProductTitle" },
  productId: { header: "ProductId" },
  skuId: { header: "SkuId" },
  skuTitle: { header: "SkuTitle" },
  publisher: { header: "Publisher" },
  skuDescription: { header: "SkuDescription" },
  unitOfMeasure: { header: "UnitOfMeasure", aliases: ["Unit"] },
  termDuration: { header: "TermDuration" },
  market: { header: "Market" },
  currency: { header: "Currency" },
  unitPrice: { header: "UnitPrice", aliases: ["Rate"] },
  tierMin: { header: "PricingTierRangeMin", aliases: ["TierMinimumUnits"] },
  tierMax: { header: "PricingTierRangeMax" },
  effectiveStartDate: { header: "EffectiveStartDate", aliases: ["EffectiveDate"] },
  effectiveEndDate: { header: "EffectiveEndDate" },
  meterIds: { header: "MeterIds", aliases: ["MeterId"] },
  meterType: { header: "MeterType" },
  tags: { header: "Tags", aliases: ["MeterTags"] },
  region: { header: "MeterRegion", aliases: ["Region"] },
  meterName: { header: "MeterName" },
  meterCategory: { header: "MeterCategory" },
  meterSubCategory: { header: "MeterSubCategory" },
};

/**
 * The formats told apart by their header:
 * - "azure-plan": Partner Center's Azure plan price sheet (ProductId … MeterIds, MeterType, Tags), no region column;
 * - "portal": that sheet plus this portal's MeterRegion, MeterName, MeterCategory, MeterSubCategory;
 * - "global-csp": the older Azure in Global CSP price list, per meter (MeterId, Region, …), no ProductId.
 */
export type PriceListFormat = "azure-plan" | "portal" | "global-csp";

export const PRICE_LIST_FORMAT_NAMES: Record<PriceListFormat, string> = {
  "azure-plan": "Azure plan price sheet",
  portal: "Azure plan price sheet with the portal's meter columns",
  "global-csp": "Azure in Global CSP price list",
};

/** The 18 columns of Partner Center's Azure plan price sheet, in its order: what the download writes by default. */
export const PRICE_SHEET_FIELDS = PRICE_FIELDS.slice(0, 18) as readonly PriceField[];
export const PRICE_SHEET_HEADER: string[] = PRICE_SHEET_FIELDS.map((field) => PRICE_COLUMNS[field].header);

/** The portal's extended header: the price sheet's columns, then MeterRegion, MeterName, MeterCategory, MeterSubCategory. */
export const PRICE_LIST_HEADER: string[] = PRICE_FIELDS.map((field) => PRICE_COLUMNS[field].header);

const SHEET_REQUIRED: readonly PriceField[] = [
  "productTitle",
  "productId",
  "skuId",
  "skuTitle",
  "unitOfMeasure",
  "market",
  "currency",
  "unitPrice",
  "meterIds",
];

/** Columns a file of each format must have (and whose cells may not be empty). */
export const REQUIRED_FIELDS: Record<PriceListFormat, readonly PriceField[]> = {
  "azure-plan": SHEET_REQUIRED,
  portal: SHEET_REQUIRED,
  "global-csp": ["meterIds", "meterName", "region", "unitOfMeasure", "market", "currency", "unitPrice"],
};

/** How the older Global CSP price list spells the columns a file of that format may lack. */
const GLOBAL_CSP_HEADERS: Partial<Record<PriceField, string>> = { meterIds: "MeterId", region: "Region", unitOfMeasure: "Unit" };

/** Header comparison ignores case, spaces, underscores and hyphens ("Unit Price" = "UnitPrice", "Meter Sub-Category" = "MeterSubCategory"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]/g, "");
}

const FIELD_BY_HEADER = new Map<string, PriceField>(
  PRICE_FIELDS.flatMap((field) => [PRICE_COLUMNS[field].header, ...(PRICE_COLUMNS[field].aliases ?? [])].map((name) => [headerKey(name), field] as const)),
);

export type ColumnIndex = Partial<Record<PriceField, number>>;

export interface HeaderResolution {
  columns: ColumnIndex;
  /** Each found field's header as the file spells it (problems name the file's column). */
  names: Partial<Record<PriceField, string>>;
  format: PriceListFormat;
  /** Names of required columns the file lacks. */
  missing: string[];
  /** Columns given twice (by name or alias): ambiguous, so refused. */
  duplicated: string[];
}

/** The format of a file with these columns (see PriceListFormat). */
export function detectPriceListFormat(columns: ColumnIndex): PriceListFormat {
  if (columns.productId === undefined && columns.meterIds !== undefined && columns.region !== undefined) return "global-csp";
  const portalColumns = [columns.region, columns.meterName, columns.meterCategory, columns.meterSubCategory];
  return portalColumns.some((index) => index !== undefined) ? "portal" : "azure-plan";
}

/**
 * Maps a CSV header to fields; any order, unknown columns ignored, an Excel byte-order mark and
 * surrounding spaces dropped. `supplied`: fields the import gives for the whole file (a Market and
 * Currency chosen on import), so not required as columns.
 */
export function resolveHeader(header: string[], supplied: readonly PriceField[] = []): HeaderResolution {
  const columns: ColumnIndex = {};
  const names: Partial<Record<PriceField, string>> = {};
  const duplicated: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.replace(/^\uFEFF/, "").trim();
    const field = FIELD_BY_HEADER.get(headerKey(name));
    if (!field) return;
    if (columns[field] !== undefined) duplicated.push(PRICE_COLUMNS[field].header);
    else {
      columns[field] = index;
      names[field] = name;
    }
  });
  const format = detectPriceListFormat(columns);
  const missing = REQUIRED_FIELDS[format]
    .filter((field) => columns[field] === undefined && !supplied.includes(field))
    .map((field) => (format === "global-csp" ? GLOBAL_CSP_HEADERS[field] : undefined) ?? PRICE_COLUMNS[field].header);
  return { columns, names, format, missing, duplicated };
}

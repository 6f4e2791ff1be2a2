// Partner Center's Azure plan price list columns (../shared/reference/README.md), shared by the
// importer, the CSV download and the UI. Pure: no server-only.

/** Fields of a price list row, in the order of the CSV we write. */
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
  /** Other spellings accepted on import. */
  aliases?: string[];
  required: boolean;
}

export const PRICE_COLUMNS: Record<PriceField, ColumnSpec> = {
  productTitle: { header: "ProductTitle", required: true },
  productId: { header: "ProductID", required: true },
  skuId: { header: "SkuId", required: true },
  skuTitle: { header: "SkuTitle", required: true },
  publisher: { header: "Publisher", required: false },
  skuDescription: { header: "SkuDescription", required: false },
  unitOfMeasure: { header: "UnitOfMeasure", required: true },
  termDuration: { header: "TermDuration", required: false },
  market: { header: "Market", required: true },
  currency: { header: "Currency", required: true },
  unitPrice: { header: "UnitPrice", required: true },
  tierMin: { header: "PricingTierRangeMin", required: false },
  tierMax: { header: "PricingTierRangeMax", required: false },
  effectiveStartDate: { header: "EffectiveStartDate", required: false },
  effectiveEndDate: { header: "EffectiveEndDate", required: false },
  meterIds: { header: "MeterIds", aliases: ["MeterId"], required: true },
  meterType: { header: "MeterType", required: false },
  tags: { header: "Tags", required: false },
  region: { header: "MeterRegion", aliases: ["Region"], required: true },
  meterName: { header: "MeterName", required: false },
  meterCategory: { header: "MeterCategory", required: false },
  meterSubCategory: { header: "MeterSubCategory", required: false },
};

export const PRICE_LIST_HEADER: string[] = PRICE_FIELDS.map((field) => PRICE_COLUMNS[field].header);

/** Header comparison ignores case, spaces, underscores and hyphens ("Unit Price" = "UnitPrice"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]/g, "");
}

const FIELD_BY_HEADER = new Map<string, PriceField>(
  PRICE_FIELDS.flatMap((field) => [PRICE_COLUMNS[field].header, ...(PRICE_COLUMNS[field].aliases ?? [])].map((name) => [headerKey(name), field] as const)),
);

export type ColumnIndex = Partial<Record<PriceField, number>>;

export interface HeaderResolution {
  columns: ColumnIndex;
  /** Partner Center names of required columns the file lacks. */
  missing: string[];
  /** Columns given twice (by name or alias): ambiguous, so refused. */
  duplicated: string[];
}

/** Maps a CSV header to fields; any order, unknown columns ignored. */
export function resolveHeader(header: string[]): HeaderResolution {
  const columns: ColumnIndex = {};
  const duplicated: string[] = [];
  header.forEach((name, index) => {
    const field = FIELD_BY_HEADER.get(headerKey(name.replace(/^\uFEFF/, "")));
    if (!field) return;
    if (columns[field] !== undefined) duplicated.push(PRICE_COLUMNS[field].header);
    else columns[field] = index;
  });
  const missing = PRICE_FIELDS.filter((field) => PRICE_COLUMNS[field].required && columns[field] === undefined).map((field) => PRICE_COLUMNS[field].header);
  return { columns, missing, duplicated };
}

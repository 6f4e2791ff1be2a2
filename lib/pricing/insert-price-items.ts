// Set-based insert of validated price rows: one INSERT … SELECT FROM unnest(…) per batch, with
// each column sent as one array parameter. Prisma's createMany costs ~100µs a row; this is ~100×
// cheaper and keeps memory at one batch. Not "server-only": the benchmark script calls it too.
import type { RawSql } from "../database/open-database";
import type { PriceRow } from "./parse-price-row";

const TEXT_COLUMNS = [
  "productId",
  "productTitle",
  "skuId",
  "skuTitle",
  "publisher",
  "skuDescription",
  "unitOfMeasure",
  "termDuration",
  "market",
  "currency",
  "meterIds",
  "meterType",
  "meterName",
  "meterCategory",
  "meterSubCategory",
  "region",
  "tags",
  "searchText",
] as const satisfies readonly (keyof PriceRow)[];

const TYPED_COLUMNS = [
  ["line", "sourceLine", "int4"],
  ["unitPrice", "unitPrice", "numeric"],
  ["tierMin", "tierMin", "numeric"],
  ["tierMax", "tierMax", "numeric"],
  ["effectiveStartDate", "effectiveStartDate", "date"],
  ["effectiveEndDate", "effectiveEndDate", "date"],
  ["meterId", "meterId", "uuid"],
] as const satisfies readonly (readonly [keyof PriceRow, string, string])[];

const COLUMNS: { field: keyof PriceRow; column: string; type: string }[] = [
  ...TEXT_COLUMNS.map((field) => ({ field, column: field, type: "text" })),
  ...TYPED_COLUMNS.map(([field, column, type]) => ({ field, column, type })),
];

const INSERT_SQL = `INSERT INTO "PriceListItem" ("versionId", ${COLUMNS.map((c) => `"${c.column}"`).join(", ")})
SELECT $1, * FROM unnest(${COLUMNS.map((c, i) => `$${i + 2}::${c.type}[]`).join(", ")})`;

/** Inserts `rows` into version `versionId`. */
export async function insertPriceItems(sql: RawSql, versionId: string, rows: readonly PriceRow[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [versionId];
  for (const { field } of COLUMNS) {
    const values = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = rows[i][field];
    params.push(values);
  }
  await sql.query(INSERT_SQL, params);
}

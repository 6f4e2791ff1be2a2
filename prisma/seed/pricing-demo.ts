// Seeds the demo price list (./pricing-demo-data) as one published version marked isDemo, inside
// the demo seed's transaction. Rows go through the importer's own validation (parsePriceRow) and
// word numbering (PriceWordVocabulary), so demo rows look exactly like imported ones.
import type { Prisma } from "../../generated/prisma/client";
import { parsePriceRow, type PriceRow } from "../../lib/pricing/parse-price-row";
import { PRICE_FIELDS, type ColumnIndex } from "../../lib/pricing/price-list-columns";
import { dayToDate } from "../../lib/pricing/price-dates";
import { PriceWordVocabulary } from "../../lib/pricing/price-words";
import { deterministicCuid } from "./prng";
import { azureStackDemoRecords, DEMO_PRICE_EFFECTIVE_FROM, DEMO_PRICE_SOURCE, globalDemoRecords, type DemoPriceRecord } from "./pricing-demo-data";

export const DEMO_PRICE_VERSION_ID = deterministicCuid("price-list:demo");

const COLUMNS: ColumnIndex = Object.fromEntries(PRICE_FIELDS.map((field, index) => [field, index]));

function toPriceRow(record: DemoPriceRecord, line: number): PriceRow {
  const parsed = parsePriceRow(
    PRICE_FIELDS.map((field) => record[field]),
    COLUMNS,
    line,
    DEMO_PRICE_EFFECTIVE_FROM,
    PRICE_FIELDS.length,
  );
  if (!parsed.ok) throw new Error(`demo price row ${line}: ${parsed.problems.map((p) => `${p.column}: ${p.reason}`).join("; ")}`);
  return parsed.row;
}

/** Row counts per market, region, category and dates, as publishPriceListVersion computes them. */
function facets(rows: PriceRow[]) {
  const counts = new Map<string, { row: PriceRow; rowCount: number }>();
  for (const row of rows) {
    const key = [row.market, row.region, row.meterCategory, row.effectiveStartDate, row.effectiveEndDate].join("\u0000");
    const entry = counts.get(key) ?? { row, rowCount: 0 };
    entry.rowCount++;
    counts.set(key, entry);
  }
  return [...counts.values()].map(({ row, rowCount }) => ({
    market: row.market,
    region: row.region,
    meterCategory: row.meterCategory,
    effectiveStartDate: dayToDate(row.effectiveStartDate),
    effectiveEndDate: row.effectiveEndDate ? dayToDate(row.effectiveEndDate) : null,
    rowCount,
  }));
}

/** Inserts the demo price list; returns its row count. */
export async function seedDemoPriceList(tx: Prisma.TransactionClient): Promise<number> {
  const meters = await tx.commerceMeter.findMany({ orderBy: { id: "asc" } });
  const rows = [...azureStackDemoRecords(meters), ...globalDemoRecords()].map((record, index) => toPriceRow(record, index + 2));
  const markets = new Map<string, { currency: string; rows: PriceRow[] }>();
  for (const row of rows) {
    const entry = markets.get(row.market) ?? { currency: row.currency, rows: [] };
    entry.rows.push(row);
    markets.set(row.market, entry);
  }

  await tx.priceListVersion.create({
    data: {
      id: DEMO_PRICE_VERSION_ID,
      effectiveFrom: dayToDate(DEMO_PRICE_EFFECTIVE_FROM),
      status: "PUBLISHED",
      isDemo: true,
      sourceFileName: DEMO_PRICE_SOURCE,
      rowCount: rows.length,
      importedAt: dayToDate("2025-12-15"),
      publishedAt: dayToDate("2025-12-15"),
      markets: {
        create: [...markets].map(([market, entry]) => ({ market, currency: entry.currency, rowCount: entry.rows.length })),
      },
      facets: { create: facets(rows) },
    },
  });
  const vocabulary = new PriceWordVocabulary();
  await tx.priceListItem.createMany({
    data: rows.map(({ line, effectiveStartDate, effectiveEndDate, searchWords, regionDerived: _derived, ...row }) => ({
      ...row,
      versionId: DEMO_PRICE_VERSION_ID,
      sourceLine: line,
      effectiveStartDate: dayToDate(effectiveStartDate),
      effectiveEndDate: effectiveEndDate ? dayToDate(effectiveEndDate) : null,
      searchWords: vocabulary.idsOf(searchWords),
    })),
  });
  await tx.priceListWord.createMany({ data: vocabulary.words.map((word, index) => ({ versionId: DEMO_PRICE_VERSION_ID, id: index + 1, word })) });
  return rows.length;
}

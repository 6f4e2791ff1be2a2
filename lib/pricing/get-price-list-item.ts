import "server-only";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { PRICE_ROW_COLUMNS, type PriceListRow } from "./price-list-sql";

export interface PriceListItemDetail {
  item: PriceListRow & { sourceLine: number };
  version: { id: string; effectiveFrom: string; isDemo: boolean; sourceFileName: string; importedAt: Date; importedByEmail: string | null };
  /** All tiers of this meter in the same version and market (including this row). */
  tiers: { id: string; tierMin: string; tierMax: string | null; unitPrice: string }[];
  /** This meter's first-tier price in the same market in every published version, newest first. */
  history: { versionId: string; effectiveFrom: string; isDemo: boolean; unitPrice: string; currency: string }[];
}

/** One price list row with its tiers and price history; unknown ids (or unpublished rows) are not found. */
export async function getPriceListItem(scope: PartnerScope, itemId: string): Promise<PriceListItemDetail> {
  assertScopeCan(scope, "prices:read");
  if (!/^\d{1,18}$/.test(itemId)) throw notFound("Price");
  const { sql, prisma } = await getDatabase();
  const found = await sql.query<PriceListRow & { sourceLine: number }>(
    `SELECT ${PRICE_ROW_COLUMNS}, i."sourceLine" FROM "PriceListItem" i
       JOIN "PriceListVersion" v ON v."id" = i."versionId" AND v."status" = 'PUBLISHED'
      WHERE i."id" = $1::bigint`,
    [itemId],
  );
  const item = found.rows[0];
  if (!item) throw notFound("Price");
  const [version, tiers, history] = await Promise.all([
    prisma.priceListVersion.findUniqueOrThrow({
      where: { id: item.versionId },
      select: { id: true, effectiveFrom: true, isDemo: true, sourceFileName: true, importedAt: true, importedByEmail: true },
    }),
    sql.query<PriceListItemDetail["tiers"][number]>(
      `SELECT "id"::text AS "id", trim_scale("tierMin")::text AS "tierMin", trim_scale("tierMax")::text AS "tierMax",
              trim_scale("unitPrice")::text AS "unitPrice"
         FROM "PriceListItem" WHERE "versionId" = $1 AND "market" = $2 AND "meterId" = $3::uuid AND "effectiveStartDate" = $4::date
        ORDER BY "tierMin"`,
      [item.versionId, item.market, item.meterId, item.effectiveStartDate],
    ),
    sql.query<PriceListItemDetail["history"][number]>(
      `SELECT DISTINCT ON (v."effectiveFrom", v."publishedAt") v."id" AS "versionId",
              to_char(v."effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom", v."isDemo",
              trim_scale(i."unitPrice")::text AS "unitPrice", i."currency"
         FROM "PriceListItem" i JOIN "PriceListVersion" v ON v."id" = i."versionId" AND v."status" = 'PUBLISHED'
        WHERE i."meterId" = $1::uuid AND i."market" = $2
        ORDER BY v."effectiveFrom" DESC, v."publishedAt" DESC, i."tierMin", i."effectiveStartDate" DESC
        LIMIT 50`,
      [item.meterId, item.market],
    ),
  ]);
  return {
    item,
    version: { ...version, effectiveFrom: version.effectiveFrom.toISOString().slice(0, 10) },
    tiers: tiers.rows,
    history: history.rows,
  };
}

import "server-only";
import Decimal from "decimal.js";
import { getDatabase } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { normaliseMeterId } from "../meters/meter-id";
import { EFFECTIVE_VERSIONS_CTE } from "./price-list-sql";
import { dateToDay } from "./price-dates";

export interface PriceTier {
  /** Quantity from which this tier's price applies (inclusive). */
  min: Decimal;
  /** Quantity up to which it applies; null: no upper bound. */
  max: Decimal | null;
  unitPrice: Decimal;
}

export interface PriceOnDate {
  meterId: string;
  market: string;
  currency: string;
  unitOfMeasure: string;
  /** The first tier's price: the price of a meter without tiers. */
  unitPrice: Decimal;
  tiers: PriceTier[];
  versionId: string;
  /** The version's effective date (YYYY-MM-DD). */
  effectiveFrom: string;
  isDemo: boolean;
}

interface PriceRow {
  meterId: string;
  currency: string;
  unitOfMeasure: string;
  unitPrice: string;
  tierMin: string;
  tierMax: string | null;
  versionId: string;
  effectiveFrom: string;
  isDemo: boolean;
}

/**
 * The prices of `meterIds` in `market` on `date`: from the version in effect for that market on
 * that day (latest effectiveFrom ≤ date), using rows whose own dates include the day. Meters
 * without a price are absent from the map. Batch form for rating many usage lines at once.
 */
export async function getPricesOnDate(scope: PartnerScope, market: string, date: Date, meterIds: readonly string[]): Promise<Map<string, PriceOnDate>> {
  assertScopeCan(scope, "prices:read");
  const ids = [...new Set(meterIds.map(normaliseMeterId).filter((id): id is string => id !== null))];
  const prices = new Map<string, PriceOnDate>();
  if (ids.length === 0) return prices;
  const { sql } = await getDatabase();
  const { rows } = await sql.query<PriceRow>(
    `WITH ${EFFECTIVE_VERSIONS_CTE}
     SELECT i."meterId"::text AS "meterId", i."currency", i."unitOfMeasure", i."unitPrice"::text AS "unitPrice",
            i."tierMin"::text AS "tierMin", i."tierMax"::text AS "tierMax", i."versionId",
            to_char(v."effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom", v."isDemo"
       FROM effective e
       JOIN "PriceListItem" i ON i."versionId" = e."versionId" AND i."market" = e."market"
       JOIN "PriceListVersion" v ON v."id" = e."versionId"
      WHERE i."meterId" = ANY($3::uuid[])
        AND i."effectiveStartDate" <= $1::date AND (i."effectiveEndDate" IS NULL OR i."effectiveEndDate" >= $1::date)
      ORDER BY i."meterId", i."tierMin"`,
    [dateToDay(date), market.toUpperCase(), ids],
  );
  for (const row of rows) {
    const tier: PriceTier = {
      min: new Decimal(row.tierMin),
      max: row.tierMax === null ? null : new Decimal(row.tierMax),
      unitPrice: new Decimal(row.unitPrice),
    };
    const existing = prices.get(row.meterId);
    if (existing) {
      existing.tiers.push(tier);
      continue;
    }
    prices.set(row.meterId, {
      meterId: row.meterId,
      market: market.toUpperCase(),
      currency: row.currency,
      unitOfMeasure: row.unitOfMeasure,
      unitPrice: tier.unitPrice,
      tiers: [tier],
      versionId: row.versionId,
      effectiveFrom: row.effectiveFrom,
      isDemo: row.isDemo,
    });
  }
  return prices;
}

/** The price of one meter in a market on a day (see getPricesOnDate), or null when unpriced. */
export async function getPriceOnDate(scope: PartnerScope, meterId: string, market: string, date: Date): Promise<PriceOnDate | null> {
  const id = normaliseMeterId(meterId);
  if (!id) return null;
  return (await getPricesOnDate(scope, market, date, [id])).get(id) ?? null;
}

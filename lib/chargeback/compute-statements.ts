import "server-only";
// Statement lines for customers of one billing partner over a date range: rated usage (commerce
// meters, Microsoft's price × the resolved markup) and the local meters Microsoft doesn't bill
// (the partner's own unit price), one line per meter and customer unit price.
import type Decimal from "decimal.js";
import type { Database } from "../database/open-database";
import { Money, customerUnitPrice, lineValue, marginOf, roundStatementAmount, sumMoney } from "./chargeback-math";
import { rateResolver } from "./resolve-rate";
import { unsafeLoadRateCardSets, type PricedCustomer } from "./load-rate-card-set";
import { commerceMeterLabel } from "./rate-card-subjects";
import { reconLineTotalSql } from "../recon/recon-csv-sql";

export interface CostedStatementLine {
  meterKind: "commerce" | "local";
  meterId: string;
  meterName: string;
  category: string;
  unit: string;
  quantity: Decimal;
  /** The customer's unit price on this line (a meter whose price changed within the range has several lines). */
  unitPrice: Decimal;
  /** True when this meter has more than one unit price in the range (its lines are split per price). */
  priceVaries: boolean;
  firstDay: string;
  lastDay: string;
  /** Σ(quantity × unit price), rounded once half-up to the cent. */
  amount: Decimal;
  /** Σ of the recon lines' FLOORed totals (0 for meters Microsoft doesn't bill). */
  microsoftCost: Decimal;
  margin: Decimal;
}

export interface CostedStatement {
  customerId: string;
  currency: string;
  lines: CostedStatementLine[];
  total: Decimal;
  microsoftCost: Decimal;
  margin: Decimal;
  /** Σ quantity × customer unit price per usage day, unrounded: the cost analysis's accumulated charges. */
  dailyCharges: Map<string, Decimal>;
  /**
   * Per usage day, statement line (meter and unit price) and Azure subscription: quantity and
   * Σ quantity × unit price, unrounded. Empty unless asked for (`dailyLines: true`), which groups
   * the usage per subscription too.
   */
  dailyLines: CostedDailyLine[];
}

export interface CostedDailyLine {
  day: string;
  meterKind: "commerce" | "local";
  meterId: string;
  meterName: string;
  category: string;
  unit: string;
  unitPrice: Decimal;
  subscriptionId: string;
  quantity: Decimal;
  value: Decimal;
}

interface RatedGroup {
  customerId: string;
  subscriptionId: string;
  meterId: string;
  day: string;
  unitPrice: string | null;
  currency: string | null;
  quantity: string;
  cost: string;
}

interface LocalGroup {
  customerId: string;
  subscriptionId: string;
  meterId: string;
  day: string;
  quantity: string;
}

/*
 * Microsoft's cost per group = Σ FLOOR(unitPrice × quantity, 2) over its rated lines: the recon
 * file's BillingPreTaxTotal, by the recon export's own SQL expression (reconLineTotalSql: × 0.01,
 * never / 100, whose numeric division keeps ~16 significant digits and lost cents on huge amounts).
 */
const ratedSql = (bySubscription: boolean) => `
SELECT s."customerId" AS "customerId", l."commerceMeterId"::text AS "meterId", l."usageDate"::text AS "day",
       l."unitPrice"::text AS "unitPrice", l."currency" AS "currency", SUM(l."quantity")::text AS "quantity",
       SUM(${reconLineTotalSql('l."unitPrice"', 'l."quantity"')})::text AS "cost",
       ${bySubscription ? `s."id"::text` : "''"} AS "subscriptionId"
  FROM "RatedUsageLine" l
  JOIN "AzureSubscription" s ON s."id" = l."azureSubscriptionId"
 WHERE s."customerId" = ANY($1::text[]) AND l."usageDate" BETWEEN $2::date AND $3::date
 GROUP BY 1, 2, 3, 4, 5${bySubscription ? `, s."id"` : ""}`;
const RATED_SQL = ratedSql(false);
const RATED_SQL_BY_SUBSCRIPTION = ratedSql(true);

/*
 * Usage of local meters Microsoft doesn't bill (no commerce meter), in local units. The registration
 * list lets the planner walk the (registrationId, usageDate) index instead of scanning raw usage.
 */
const localSql = (bySubscription: boolean) => `
SELECT s."customerId" AS "customerId", r."localMeterId"::text AS "meterId", r."usageDate"::text AS "day", SUM(r."quantity")::text AS "quantity",
       ${bySubscription ? `s."id"::text` : "''"} AS "subscriptionId"
  FROM "UsageRecord" r
  JOIN "AzureSubscription" s ON s."id" = r."azureSubscriptionId"
 WHERE s."customerId" = ANY($1::text[]) AND r."usageDate" BETWEEN $2::date AND $3::date AND r."commerceMeterId" IS NULL
   AND r."registrationId" IN (SELECT "id" FROM "Registration")
 GROUP BY 1, 2, 3${bySubscription ? `, s."id"` : ""}`;
const LOCAL_SQL = localSql(false);
const LOCAL_SQL_BY_SUBSCRIPTION = localSql(true);

interface Accumulator {
  line: Omit<CostedStatementLine, "amount" | "margin" | "priceVaries"> & { unrounded: Decimal };
}

/**
 * Unsafe (unscoped): callers pass customers they resolved within the caller's scope and the
 * partner Microsoft bills for them (ownerPartnerId); returns one statement per customer id.
 */
export async function unsafeComputeStatements(
  database: Pick<Database, "prisma" | "sql">,
  ownerPartnerId: string,
  customers: PricedCustomer[],
  range: { from: string; to: string },
  options: { dailyLines?: boolean } = {},
): Promise<Map<string, CostedStatement>> {
  const statements = new Map<string, CostedStatement>();
  if (customers.length === 0) return statements;
  const ids = customers.map((customer) => customer.id);
  const params = [ids, range.from, range.to];
  const [rated, local, sets, commerceMeters, localMeters] = await Promise.all([
    database.sql.query<RatedGroup>(options.dailyLines ? RATED_SQL_BY_SUBSCRIPTION : RATED_SQL, params),
    database.sql.query<LocalGroup>(options.dailyLines ? LOCAL_SQL_BY_SUBSCRIPTION : LOCAL_SQL, params),
    unsafeLoadRateCardSets(database.prisma, ownerPartnerId, customers),
    database.prisma.commerceMeter.findMany({ select: { id: true, serviceName: true, serviceType: true, resourceName: true, unitOfMeasure: true } }),
    database.prisma.localMeter.findMany({ select: { id: true, resourceProvider: true, name: true, unit: true } }),
  ]);
  const commerceById = new Map(commerceMeters.map((m) => [m.id, m]));
  const localById = new Map(localMeters.map((m) => [m.id, m]));
  const resolvers = new Map(customers.map((customer) => [customer.id, rateResolver(sets.get(customer.id) ?? {})]));
  const perCustomer = new Map<string, Map<string, Accumulator>>();
  const perCustomerDay = new Map<string, Map<string, Decimal>>();
  const perCustomerDailyLines = new Map<string, Map<string, CostedDailyLine>>();
  const currencies = new Map<string, string>();

  const add = (
    customerId: string,
    subscriptionId: string,
    key: string,
    seed: () => Accumulator["line"],
    day: string,
    quantity: string,
    value: Decimal,
    cost: Decimal.Value,
  ) => {
    let lines = perCustomer.get(customerId);
    if (!lines) perCustomer.set(customerId, (lines = new Map()));
    let acc = lines.get(key);
    if (!acc) lines.set(key, (acc = { line: seed() }));
    acc.line.quantity = acc.line.quantity.plus(quantity);
    acc.line.unrounded = acc.line.unrounded.plus(value);
    acc.line.microsoftCost = acc.line.microsoftCost.plus(cost);
    if (day < acc.line.firstDay) acc.line.firstDay = day;
    if (day > acc.line.lastDay) acc.line.lastDay = day;
    let days = perCustomerDay.get(customerId);
    if (!days) perCustomerDay.set(customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? new Money(0)).plus(value));
    if (!options.dailyLines) return;
    let dailyLines = perCustomerDailyLines.get(customerId);
    if (!dailyLines) perCustomerDailyLines.set(customerId, (dailyLines = new Map()));
    const dailyKey = `${day}|${key}|${subscriptionId}`;
    const daily = dailyLines.get(dailyKey);
    if (daily) {
      daily.quantity = daily.quantity.plus(quantity);
      daily.value = daily.value.plus(value);
    } else {
      const { meterKind, meterId, meterName, category, unit, unitPrice } = acc.line;
      dailyLines.set(dailyKey, { day, meterKind, meterId, meterName, category, unit, unitPrice, subscriptionId, quantity: new Money(quantity), value });
    }
  };

  for (const row of rated.rows) {
    const resolver = resolvers.get(row.customerId);
    if (!resolver) continue;
    const day = row.day.slice(0, 10);
    if (row.currency && !currencies.has(row.customerId)) currencies.set(row.customerId, row.currency);
    const { markupPercent } = resolver.commerce(day, row.meterId);
    const price = customerUnitPrice(row.unitPrice, markupPercent);
    const meter = commerceById.get(row.meterId);
    add(
      row.customerId,
      row.subscriptionId,
      `commerce|${row.meterId}|${price.toFixed()}`,
      () => ({
        meterKind: "commerce",
        meterId: row.meterId,
        meterName: meter ? commerceMeterLabel(meter) : row.meterId,
        category: meter?.serviceName ?? "",
        unit: meter?.unitOfMeasure ?? "",
        quantity: new Money(0),
        unitPrice: price,
        firstDay: day,
        lastDay: day,
        microsoftCost: new Money(0),
        unrounded: new Money(0),
      }),
      day,
      row.quantity,
      lineValue(row.quantity, price),
      row.cost,
    );
  }
  for (const row of local.rows) {
    const resolver = resolvers.get(row.customerId);
    const day = row.day.slice(0, 10);
    const rate = resolver?.local(day, row.meterId);
    if (!rate) continue; // not billed by Microsoft and not priced by the partner: not charged
    const meter = localById.get(row.meterId);
    add(
      row.customerId,
      row.subscriptionId,
      `local|${row.meterId}|${rate.unitPrice.toFixed()}`,
      () => ({
        meterKind: "local",
        meterId: row.meterId,
        meterName: meter?.name ?? row.meterId,
        category: meter?.resourceProvider ?? "",
        unit: meter?.unit ?? "",
        quantity: new Money(0),
        unitPrice: rate.unitPrice,
        firstDay: day,
        lastDay: day,
        microsoftCost: new Money(0),
        unrounded: new Money(0),
      }),
      day,
      row.quantity,
      lineValue(row.quantity, rate.unitPrice),
      0,
    );
  }

  for (const customer of customers) {
    const accumulated = [...(perCustomer.get(customer.id)?.values() ?? [])].map((acc) => acc.line);
    const pricesPerMeter = new Map<string, number>();
    for (const line of accumulated) {
      const meterKey = `${line.meterKind}|${line.meterId}`;
      pricesPerMeter.set(meterKey, (pricesPerMeter.get(meterKey) ?? 0) + 1);
    }
    const lines: CostedStatementLine[] = accumulated
      .map(({ unrounded, ...line }) => {
        const amount = roundStatementAmount(unrounded);
        return {
          ...line,
          amount,
          margin: marginOf(amount, line.microsoftCost),
          priceVaries: (pricesPerMeter.get(`${line.meterKind}|${line.meterId}`) ?? 0) > 1,
        };
      })
      .sort(
        (a, b) =>
          a.meterKind.localeCompare(b.meterKind) ||
          a.category.localeCompare(b.category) ||
          a.meterName.localeCompare(b.meterName) ||
          a.meterId.localeCompare(b.meterId) ||
          a.firstDay.localeCompare(b.firstDay) ||
          a.unitPrice.comparedTo(b.unitPrice),
      );
    const total = sumMoney(lines.map((line) => line.amount));
    const microsoftCost = sumMoney(lines.map((line) => line.microsoftCost));
    statements.set(customer.id, {
      customerId: customer.id,
      currency: currencies.get(customer.id) ?? "",
      lines,
      total,
      microsoftCost,
      margin: marginOf(total, microsoftCost),
      dailyCharges: perCustomerDay.get(customer.id) ?? new Map(),
      dailyLines: [...(perCustomerDailyLines.get(customer.id)?.values() ?? [])].sort(
        (a, b) =>
          a.day.localeCompare(b.day) ||
          a.meterName.localeCompare(b.meterName) ||
          a.unitPrice.comparedTo(b.unitPrice) ||
          a.subscriptionId.localeCompare(b.subscriptionId),
      ),
    });
  }
  return statements;
}

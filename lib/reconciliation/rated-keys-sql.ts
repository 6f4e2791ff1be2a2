// The stamps' side of the matching: the partner's rated lines of a period, summed per subscription
// × commerce meter × resource × day, the way Microsoft's lines are keyed (the day is the original
// usage day, eventDate, as azureStack.EventDateTime is; the legacy file has no resource and keys on
// usageDate). What a line should cost is commerce's: unit price × quantity, truncated to the cent.
// Pure: the matching inlines it, unsafeAggregateRatedLines stores it ahead.

/** lower() of text, ASCII the cheap way (the "C" collation's lower() only maps A–Z; the default one decodes every character). */
const lowerText = (expression: string) =>
  `CASE WHEN octet_length(${expression}) = length(${expression}) THEN lower(${expression} COLLATE "C") ELSE lower(${expression}) END`;

/** `params`: the placeholders of the partner, the period's first day and the next month's first day. */
export function ratedKeysSql(legacy: boolean, params: { partner: string; firstDay: string; nextFirstDay: string }): string {
  return `SELECT l."azureSubscriptionId" AS sub, l."commerceMeterId" AS meter,
         ${legacy ? "''" : lowerText(`l."resourceUri"`)} AS res, ${legacy ? `l."usageDate"` : `l."eventDate"`} AS day,
         sum(l."quantity") AS q, min(l."unitPrice") AS pmin, max(l."unitPrice") AS pmax,
         sum(COALESCE(floor(l."unitPrice" * l."quantity" * 100) / 100, 0)) AS total,
         bool_and(l."unregisteredTenant") AS unregistered, max(l."mappedTenantId"::text) AS tenant, min(l."registrationId") AS reg
    FROM "RatedUsageLine" l
   WHERE l."azureSubscriptionId" IN (SELECT s."id" FROM "AzureSubscription" s WHERE s."rollsUpToPartnerId" = ${params.partner})
     AND l."usageDate" >= ${params.firstDay}::date AND l."usageDate" < ${params.nextFirstDay}::date
   GROUP BY 1, 2, 3, 4`;
}

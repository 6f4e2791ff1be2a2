// Which price applies to a customer's usage of a meter on a day: pure, over rate cards already
// loaded (load-rate-card-set.ts). No "server-only": tests call it directly.
//
// Resolution (decision): for (customer, day, meter) look for an entry for that meter in the version
// in force that day of the CUSTOMER card, then the RESELLER card (the customer's reseller), then the
// DEFAULT card. A commerce meter without any entry takes the defaultMarkupPercent of the most
// specific card that has a version in force with a non-null default; else 0 % (Microsoft's price).
// A local meter Microsoft doesn't bill is charged only when some level gives it a unit price.
import Decimal from "decimal.js";
import { Money } from "./chargeback-math";

export type RateCardLevelName = "CUSTOMER" | "RESELLER" | "DEFAULT";

/** Most specific first: the order resolution walks. */
export const RESOLUTION_ORDER: RateCardLevelName[] = ["CUSTOMER", "RESELLER", "DEFAULT"];

export interface RateVersionData {
  id: string;
  /** YYYY-MM-DD (UTC day). */
  effectiveFrom: string;
  defaultMarkupPercent: string | null;
  /** commerce meter id → markup % */
  markups: Map<string, string>;
  /** local meter id → unit price per local unit */
  unitPrices: Map<string, string>;
}

export interface RateCardData {
  id: string;
  level: RateCardLevelName;
  /** Sorted by effectiveFrom ascending. */
  versions: RateVersionData[];
}

/** The cards that can apply to one customer (any may be missing). */
export type RateCardSet = Partial<Record<RateCardLevelName, RateCardData>>;

export interface RateSource {
  level: RateCardLevelName;
  rateCardId: string;
  versionId: string;
  effectiveFrom: string;
  via: "entry" | "defaultMarkup";
}

export interface CommerceRate {
  markupPercent: Decimal;
  /** Null: no card says anything, Microsoft's price is charged (0 %). */
  source: RateSource | null;
}

export interface LocalRate {
  unitPrice: Decimal;
  source: RateSource;
}

/** The version in force on a day: the latest effectiveFrom on or before it. */
export function versionInForce(card: RateCardData | undefined, day: string): RateVersionData | null {
  if (!card) return null;
  let found: RateVersionData | null = null;
  for (const version of card.versions) {
    if (version.effectiveFrom <= day) found = version;
    else break;
  }
  return found;
}

function inForce(cards: RateCardSet, day: string) {
  return RESOLUTION_ORDER.flatMap((level) => {
    const card = cards[level];
    const version = versionInForce(card, day);
    return card && version ? [{ level, card, version }] : [];
  });
}

const sourceOf = (level: RateCardLevelName, card: RateCardData, version: RateVersionData, via: RateSource["via"]): RateSource => ({
  level,
  rateCardId: card.id,
  versionId: version.id,
  effectiveFrom: version.effectiveFrom,
  via,
});

export function resolveCommerceRate(cards: RateCardSet, day: string, commerceMeterId: string): CommerceRate {
  const candidates = inForce(cards, day);
  for (const { level, card, version } of candidates) {
    const markup = version.markups.get(commerceMeterId);
    if (markup !== undefined) return { markupPercent: new Money(markup), source: sourceOf(level, card, version, "entry") };
  }
  for (const { level, card, version } of candidates) {
    if (version.defaultMarkupPercent !== null) {
      return { markupPercent: new Money(version.defaultMarkupPercent), source: sourceOf(level, card, version, "defaultMarkup") };
    }
  }
  return { markupPercent: new Money(0), source: null };
}

/** The unit price of a local meter Microsoft doesn't bill, or null (not charged). */
export function resolveLocalRate(cards: RateCardSet, day: string, localMeterId: string): LocalRate | null {
  for (const { level, card, version } of inForce(cards, day)) {
    const price = version.unitPrices.get(localMeterId);
    if (price !== undefined) return { unitPrice: new Money(price), source: sourceOf(level, card, version, "entry") };
  }
  return null;
}

/** Memoises resolution per (day, meter): a month's statement asks the same question many times. */
export function rateResolver(cards: RateCardSet) {
  const commerce = new Map<string, CommerceRate>();
  const local = new Map<string, LocalRate | null>();
  return {
    commerce(day: string, meterId: string): CommerceRate {
      const key = `${day}|${meterId}`;
      let rate = commerce.get(key);
      if (!rate) commerce.set(key, (rate = resolveCommerceRate(cards, day, meterId)));
      return rate;
    },
    local(day: string, meterId: string): LocalRate | null {
      const key = `${day}|${meterId}`;
      if (!local.has(key)) local.set(key, resolveLocalRate(cards, day, meterId));
      return local.get(key) ?? null;
    },
  };
}

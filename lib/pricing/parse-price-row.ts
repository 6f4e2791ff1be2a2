// Validation of one price list CSV record. Pure and allocation-light: it runs once per row of
// files with hundreds of thousands of rows.
import Decimal from "decimal.js";
import { restoreCsvCell } from "../files/restore-csv-cell";
import { normaliseMeterId } from "../meters/meter-id";
import { PRICE_COLUMNS, REQUIRED_FIELDS, type ColumnIndex, type PriceField, type PriceListFormat } from "./price-list-columns";
import { isOpenEndDay, parsePriceDate } from "./price-dates";
import { checkMarketCurrency, type MarketCurrencyProblem } from "./check-market-currency";
import { AZURE_STACK_REGION, type AzureStackMeter } from "./azure-stack-meters";

export interface PriceRowProblem {
  /** 1-based line of the CSV file (the header is line 1). */
  line: number;
  /** Partner Center column name, or null for problems of the whole row. */
  column: string | null;
  reason: string;
}

/** A validated row, as strings ready for the bulk insert (numbers canonical, dates YYYY-MM-DD). */
export interface PriceRow {
  line: number;
  productId: string;
  productTitle: string;
  skuId: string;
  skuTitle: string;
  publisher: string;
  skuDescription: string;
  unitOfMeasure: string;
  termDuration: string;
  market: string;
  currency: string;
  unitPrice: string;
  tierMin: string;
  tierMax: string | null;
  effectiveStartDate: string;
  effectiveEndDate: string | null;
  meterId: string;
  meterIds: string;
  meterType: string;
  meterName: string;
  meterCategory: string;
  meterSubCategory: string;
  region: string;
  tags: string;
  /** True when the file gave no region and "Azure Stack" was derived from the meter. */
  regionDerived: boolean;
  /** The words the search box matches in (searchWordsOf); stored as ids of the version's vocabulary. */
  searchWords: string[];
}

export const MAX_TEXT_LENGTH = 1000;
/** UnitPrice is numeric(24,10); PricingTierRange* numeric(24,6). */
const PRICE_SCALE = 10;
const TIER_SCALE = 6;
const MAX_INTEGER_DIGITS = 14;

const PLAIN_DECIMAL = /^(\d{1,14})(?:\.(\d+))?$/;
const CANONICAL_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Files repeat the same few dates on every row: remember the last one parsed.
let lastDate: { raw: string; day: string | null } = { raw: "", day: null };
function cachedPriceDate(raw: string): string | null {
  if (raw !== lastDate.raw) lastDate = { raw, day: parsePriceDate(raw) };
  return lastDate.day;
}
// …and the same market and currency.
let lastMarket: { key: string; problem: MarketCurrencyProblem } = { key: "", problem: null };
function cachedMarketCurrency(market: string, currency: string): MarketCurrencyProblem {
  const key = `${market}/${currency}`;
  if (key !== lastMarket.key) lastMarket = { key, problem: checkMarketCurrency(market, currency) };
  return lastMarket.problem;
}

/** What a file's rows share: its format and how to read it. */
export interface PriceFileContext {
  format: PriceListFormat;
  /** Each found field's header as the file spells it. */
  names?: Partial<Record<PriceField, string>>;
  /** The Azure Stack commerce meters by id: their rows get "Azure Stack" (and meter names) where the file has none. */
  azureStackMeters?: ReadonlyMap<string, AzureStackMeter>;
  /** Market and currency of every row of a file without those columns (chosen on import). */
  market?: string;
  currency?: string;
}

const PORTAL_FILE: PriceFileContext = { format: "portal" };

/**
 * The lowercase words of `text`, each once, leaving out words contained in a word already kept.
 * The search matches each query word (no whitespace) as a substring, and such a match always lies
 * inside one word, which is kept or inside a kept one: the same rows match as with the whole text.
 * Partner Center repeats the product, sku and meter words across these columns; fewer words per
 * row is a smaller search index (and, when this was a trigram index over the text, 25% less time
 * to build it, measured).
 */
export function searchWordsOf(text: string): string[] {
  const kept: string[] = [];
  for (const word of text.toLowerCase().split(/\s+/)) {
    if (word && !containedIn(kept, word)) kept.push(word);
  }
  return kept;
}

function containedIn(words: readonly string[], word: string): boolean {
  for (let i = 0; i < words.length; i++) if (words[i].includes(word)) return true;
  return false;
}

export type ParsedRow = { ok: true; row: PriceRow } | { ok: false; problems: PriceRowProblem[] };

// The cell readers below are module functions over one row's state, not closures made in
// parsePriceRow: creating four closures per row was measurable at 100k rows.
interface RowState {
  values: string[];
  columns: ColumnIndex;
  line: number;
  problems: PriceRowProblem[];
  file: PriceFileContext;
  required: readonly PriceField[];
}

function columnName(row: RowState, field: PriceField): string {
  return row.file.names?.[field] ?? PRICE_COLUMNS[field].header;
}

function problem(row: RowState, field: PriceField, reason: string): void {
  row.problems.push({ line: row.line, column: columnName(row, field), reason });
}

/**
 * A cell trimmed, without the quote our own export's CSV-injection guard put in front of it (so
 * an exported file re-imports as is), trimmed again when that quote hid white space.
 */
function importedText(cell: string): string {
  const trimmed = cell.trim();
  const restored = restoreCsvCell(trimmed);
  return restored === trimmed ? trimmed : restored.trim();
}

// Required columns whose cells may be empty: a region is derived from the meter; rows of the
// Global CSP price list have no product or sku ids, and keep none when downloaded and re-imported.
const MAY_BE_EMPTY: ReadonlySet<PriceField> = new Set(["region", "productId", "skuId"]);

function text(row: RowState, field: PriceField): string {
  const index = row.columns[field];
  const value = index === undefined ? "" : importedText(row.values[index]);
  if (value.length > MAX_TEXT_LENGTH) problem(row, field, `Longer than ${MAX_TEXT_LENGTH} characters.`);
  // PostgreSQL text can't hold NUL: refused here, with its line, not by the database's COPY.
  else if (value.includes("\0")) problem(row, field, "Contains a NUL character.");
  else if (!value && !MAY_BE_EMPTY.has(field) && row.required.includes(field)) problem(row, field, "Required; the cell is empty.");
  return value;
}

const DOLLAR = 36;

function decimal(row: RowState, field: PriceField, scale: number): string | null {
  const cell = text(row, field);
  const raw = cell.charCodeAt(0) === DOLLAR ? cell.slice(1) : cell;
  if (!raw) return null;
  // Fast path for the usual "0.046": checked by a regex, passed to numeric as written.
  const plain = PLAIN_DECIMAL.exec(raw);
  if (plain) {
    if ((plain[2]?.length ?? 0) <= scale) return raw;
    problem(row, field, `"${raw}" has more than ${scale} decimal places.`);
    return null;
  }
  let value: Decimal;
  try {
    value = new Decimal(raw);
  } catch {
    problem(row, field, `"${raw}" is not a number.`);
    return null;
  }
  if (!value.isFinite() || value.isNegative()) problem(row, field, `"${raw}" must be zero or more.`);
  else if (value.decimalPlaces() > scale) problem(row, field, `"${raw}" has more than ${scale} decimal places.`);
  else if (value.trunc().toFixed().length > MAX_INTEGER_DIGITS) problem(row, field, `"${raw}" is too large.`);
  else return value.toFixed();
  return null;
}

function date(row: RowState, field: PriceField): string | null {
  const raw = text(row, field);
  if (!raw) return null;
  const parsed = cachedPriceDate(raw);
  if (!parsed) problem(row, field, `"${raw}" is not a date (use M/D/YYYY h:mm:ss AM as Partner Center writes it, YYYY-MM-DD or an ISO date-time).`);
  return parsed;
}

/**
 * Validates `values` (one CSV record at `line`) against the resolved header. `defaultStart` is the
 * version's effective date, used when the file has no EffectiveStartDate; `file` the file's format
 * (the portal's own by default) and the Azure Stack meters its regions are derived from.
 */
export function parsePriceRow(
  values: string[],
  columns: ColumnIndex,
  line: number,
  defaultStart: string,
  fieldCount: number,
  file: PriceFileContext = PORTAL_FILE,
): ParsedRow {
  if (values.length !== fieldCount) {
    return { ok: false, problems: [{ line, column: null, reason: `Expected ${fieldCount} fields like the header, found ${values.length}.` }] };
  }
  const problems: PriceRowProblem[] = [];
  const state: RowState = { values, columns, line, problems, file, required: REQUIRED_FIELDS[file.format] };

  const market = (columns.market === undefined && file.market ? file.market : text(state, "market")).toUpperCase();
  const currency = (columns.currency === undefined && file.currency ? file.currency : text(state, "currency")).toUpperCase();
  const marketShaped = /^[A-Z]{2}$/.test(market);
  const currencyShaped = /^[A-Z]{3}$/.test(currency);
  if (market && !marketShaped) problem(state, "market", `"${market}" is not a two-letter market code.`);
  if (currency && !currencyShaped) problem(state, "currency", `"${currency}" is not a three-letter currency code.`);
  if (marketShaped && currencyShaped) {
    const refused = cachedMarketCurrency(market, currency);
    if (refused) problem(state, refused.field, refused.reason);
  }

  const unitPrice = decimal(state, "unitPrice", PRICE_SCALE);
  if (unitPrice === null && !problems.some((p) => p.column === columnName(state, "unitPrice"))) problem(state, "unitPrice", "Required; the cell is empty.");
  const tierMin = decimal(state, "tierMin", TIER_SCALE) ?? "0";
  const tierMax = decimal(state, "tierMax", TIER_SCALE);
  if (tierMax !== null && new Decimal(tierMax).lte(tierMin)) problem(state, "tierMax", `Must be above PricingTierRangeMin (${tierMin}).`);

  const effectiveStartDate = date(state, "effectiveStartDate") ?? defaultStart;
  // Partner Center writes "11/30/9999 11:59:59 PM" for a price with no end.
  const writtenEnd = date(state, "effectiveEndDate");
  const effectiveEndDate = writtenEnd && isOpenEndDay(writtenEnd) ? null : writtenEnd;
  if (effectiveEndDate && effectiveEndDate < effectiveStartDate) {
    problem(state, "effectiveEndDate", `Before EffectiveStartDate (${effectiveStartDate}).`);
  }

  const rawMeterIds = text(state, "meterIds");
  const meterIdList: string[] = [];
  if (CANONICAL_GUID.test(rawMeterIds))
    meterIdList.push(rawMeterIds); // the usual single lowercase GUID
  else {
    for (const part of rawMeterIds.split(/[,;\s]+/).filter(Boolean)) {
      const id = normaliseMeterId(part);
      if (id) meterIdList.push(id);
      else problem(state, "meterIds", `"${part}" is not a meter GUID.`);
    }
  }

  const productId = text(state, "productId");
  const skuId = text(state, "skuId");
  const publisher = text(state, "publisher");
  const skuDescription = text(state, "skuDescription");
  const unitOfMeasure = text(state, "unitOfMeasure");
  const termDuration = text(state, "termDuration");
  const meterType = text(state, "meterType");
  const tags = text(state, "tags");
  // Where the file has no region (the Azure plan price sheet has no such column), an Azure Stack
  // commerce meter's row is an "Azure Stack" row, named as the meter catalog names it.
  let region = text(state, "region");
  let meterName = text(state, "meterName");
  let meterCategory = text(state, "meterCategory");
  let meterSubCategory = text(state, "meterSubCategory");
  const stackMeter = region ? undefined : file.azureStackMeters?.get(meterIdList[0]);
  if (stackMeter) {
    region = AZURE_STACK_REGION;
    meterName ||= stackMeter.meterName;
    meterCategory ||= stackMeter.meterCategory;
    meterSubCategory ||= stackMeter.meterSubCategory;
  }
  // The Global CSP price list is per meter, without product and sku titles.
  const productTitle = text(state, "productTitle") || meterSubCategory || meterCategory;
  const skuTitle = text(state, "skuTitle") || meterName;
  if (problems.length > 0 || unitPrice === null || meterIdList.length === 0) return { ok: false, problems };

  // Kept short (fewer ids to index, a smaller vocabulary to scan): meter GUIDs are searched through
  // the indexed meterId instead, and the category has its own filter.
  const searchWords = searchWordsOf(`${productTitle} ${skuTitle} ${meterName} ${productId} ${skuId}`);
  return {
    ok: true,
    row: {
      line,
      productTitle,
      productId,
      skuId,
      skuTitle,
      publisher,
      skuDescription,
      unitOfMeasure,
      termDuration,
      meterType,
      meterName,
      meterCategory,
      meterSubCategory,
      region,
      tags,
      regionDerived: stackMeter !== undefined,
      market,
      currency,
      unitPrice,
      tierMin,
      tierMax,
      effectiveStartDate,
      effectiveEndDate,
      meterId: meterIdList[0],
      meterIds: meterIdList.length === 1 ? meterIdList[0] : meterIdList.join(","),
      searchWords,
    },
  };
}

// Validation of one price list CSV record. Pure and allocation-light: it runs once per row of
// files with hundreds of thousands of rows.
import Decimal from "decimal.js";
import { restoreCsvCell } from "../files/restore-csv-cell";
import { normaliseMeterId } from "../meters/meter-id";
import { PRICE_COLUMNS, type ColumnIndex, type PriceField } from "./price-list-columns";
import { parsePriceDate } from "./price-dates";

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
}

function problem(row: RowState, field: PriceField, reason: string): void {
  row.problems.push({ line: row.line, column: PRICE_COLUMNS[field].header, reason });
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

function text(row: RowState, field: PriceField): string {
  const index = row.columns[field];
  const value = index === undefined ? "" : importedText(row.values[index]);
  if (value.length > MAX_TEXT_LENGTH) problem(row, field, `Longer than ${MAX_TEXT_LENGTH} characters.`);
  // PostgreSQL text can't hold NUL: refused here, with its line, not by the database's COPY.
  else if (value.includes("\0")) problem(row, field, "Contains a NUL character.");
  else if (!value && PRICE_COLUMNS[field].required && field !== "region") problem(row, field, "Required; the cell is empty.");
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
  if (!parsed) problem(row, field, `"${raw}" is not a date (use YYYY-MM-DD, an ISO date-time or M/D/YYYY).`);
  return parsed;
}

/**
 * Validates `values` (one CSV record at `line`) against the resolved header. `defaultStart` is the
 * version's effective date, used when the file has no EffectiveStartDate.
 */
export function parsePriceRow(values: string[], columns: ColumnIndex, line: number, defaultStart: string, fieldCount: number): ParsedRow {
  if (values.length !== fieldCount) {
    return { ok: false, problems: [{ line, column: null, reason: `Expected ${fieldCount} fields like the header, found ${values.length}.` }] };
  }
  const problems: PriceRowProblem[] = [];
  const state: RowState = { values, columns, line, problems };

  const market = text(state, "market").toUpperCase();
  if (market && !/^[A-Z]{2}$/.test(market)) problem(state, "market", `"${market}" is not a two-letter market code.`);
  const currency = text(state, "currency").toUpperCase();
  if (currency && !/^[A-Z]{3}$/.test(currency)) problem(state, "currency", `"${currency}" is not a three-letter currency code.`);

  const unitPrice = decimal(state, "unitPrice", PRICE_SCALE);
  if (unitPrice === null && !problems.some((p) => p.column === PRICE_COLUMNS.unitPrice.header)) problem(state, "unitPrice", "Required; the cell is empty.");
  const tierMin = decimal(state, "tierMin", TIER_SCALE) ?? "0";
  const tierMax = decimal(state, "tierMax", TIER_SCALE);
  if (tierMax !== null && new Decimal(tierMax).lte(tierMin)) problem(state, "tierMax", `Must be above PricingTierRangeMin (${tierMin}).`);

  const effectiveStartDate = date(state, "effectiveStartDate") ?? defaultStart;
  const effectiveEndDate = date(state, "effectiveEndDate");
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

  const productTitle = text(state, "productTitle");
  const productId = text(state, "productId");
  const skuId = text(state, "skuId");
  const skuTitle = text(state, "skuTitle");
  const publisher = text(state, "publisher");
  const skuDescription = text(state, "skuDescription");
  const unitOfMeasure = text(state, "unitOfMeasure");
  const termDuration = text(state, "termDuration");
  const meterType = text(state, "meterType");
  const meterName = text(state, "meterName");
  const meterCategory = text(state, "meterCategory");
  const meterSubCategory = text(state, "meterSubCategory");
  const region = text(state, "region");
  const tags = text(state, "tags");
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

// Microsoft's recon CSV (decompressed bytes) → COPY text of "ReconciliationBilledLine", streamed:
// records are read as the bytes arrive and each batch of lines is yielded as one COPY chunk, so
// memory holds one batch whatever the file's size. The reader is the project's streaming RFC 4180
// reader (lib/pricing/read-csv-records.ts, same dialect as csv-parse's defaults): on Partner
// Center's 52 columns csv-parse read ~17,000 records/s on this machine, that reader ~57,000
// (measured on the bench's file), and the import's goal is 50,000 lines/s. Only Azure Stack lines (MeterRegion / Region
// "Azure Stack", or an Azure Stack commerce meter) are kept; the rest are counted and set aside.
// A malformed Azure Stack line stops the import with its line and column. Not "server-only": the
// bench drives it.
import type { Readable } from "node:stream";
import { CsvSyntaxError, readCsvRecords } from "../pricing/read-csv-records";
import Decimal from "decimal.js";
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { COPY_NULL, copyText } from "../database/sql-text";
import { AZURE_STACK_REGION, detectReconFormat, requiredColumnGroups, type BilledLineColumns } from "./reconciliation-columns";

export interface BilledLinesSummary {
  format: BilledLineColumns["format"] | null;
  linesRead: number;
  azureStackLines: number;
  setAsideLines: number;
  /** The first Azure Stack line's pricing currency. */
  currency: string | null;
}

/** COPY column list matching the text billedLinesCopyText writes. */
export const BILLED_LINE_COPY_COLUMNS = `("lineNumber", "subscriptionId", "meterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId", "customerTenantId", "quantity", "unitPrice", "total")`;

const BATCH_LINES = 2000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const US_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;

export function invalidLine(line: number, column: string, message: string): DomainError {
  const text = `Line ${line}, column ${column}: ${message}`;
  return new DomainError(COMMON_ERROR_CODES.ValidationFailed, text, { fields: { [column]: text } });
}

const fileError = (message: string) => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { file: message } });

/** A day as YYYY-MM-DD from Partner Center's ISO (2026-10-05, 2026-10-05T00:00:00Z) or US (10/5/2026) forms. */
export function parseReconDay(value: string): string | null {
  const text = value.trim();
  let y: number, m: number, d: number;
  const iso = ISO_DAY.exec(text);
  const us = iso ? null : US_DAY.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2099) return null;
  return date.toISOString().slice(0, 10);
}

/** A decimal as plain text; `integerDigits` keeps it inside its column's numeric(p, 10) (never an overflow). */
function parseNumber(value: string, line: number, column: string, integerDigits: number): string {
  const text = value.trim();
  let plain: string | null = PLAIN_NUMBER.test(text) ? text : null;
  if (plain === null && text !== "" && !Number.isNaN(Number(text))) {
    try {
      plain = new Decimal(text).toFixed();
    } catch {
      plain = null;
    }
  }
  if (plain === null) throw invalidLine(line, column, `“${value}” is not a number.`);
  if (plain.replace(/^-/, "").split(".")[0].replace(/^0+/, "").length > integerDigits) throw invalidLine(line, column, `“${value}” is too large.`);
  return plain;
}

interface ColumnIndexes {
  subscription: number[];
  meter: number;
  region: number;
  resource: number;
  usageDate: number;
  quantity: number;
  unitPrice: number[];
  total: number[];
  additionalInfo: number;
  customer: number;
  currency: number[];
}

function indexColumns(header: string[], columns: BilledLineColumns): ColumnIndexes {
  const names = header.map((name) => name.trim());
  const missing = requiredColumnGroups(columns)
    .filter((group) => !group.some((name) => names.includes(name)))
    .map((group) => group.join(" or "));
  if (missing.length > 0) throw fileError(`The header lacks ${missing.join(", ")}.`);
  const at = (name: string | null) => (name === null ? -1 : names.indexOf(name));
  const all = (list: readonly string[]) => list.map(at).filter((index) => index >= 0);
  return {
    subscription: all(columns.subscription),
    meter: at(columns.meter),
    region: at(columns.region),
    resource: at(columns.resource),
    usageDate: at(columns.usageDate),
    quantity: at(columns.quantity),
    unitPrice: all(columns.unitPrice),
    total: all(columns.total),
    additionalInfo: at(columns.additionalInfo),
    customer: at(columns.customer),
    currency: all(columns.currency),
  };
}

const firstFilled = (record: string[], indexes: number[]) => {
  for (const index of indexes) if (record[index]?.trim()) return { value: record[index].trim(), index };
  return null;
};

interface AzureStackInfo {
  eventDate: string | null;
  localSubscriptionId: string | null;
}

/** The azureStack.* keys of AdditionalInfo (a JSON object); absent or unreadable info → none. */
function azureStackInfo(text: string | undefined): AzureStackInfo {
  if (!text || !text.includes("azureStack.")) return { eventDate: null, localSubscriptionId: null };
  try {
    const info = JSON.parse(text) as Record<string, unknown>;
    const event = info["azureStack.EventDateTime"];
    const local = info["azureStack.SubscriptionId"];
    return {
      eventDate: typeof event === "string" ? parseReconDay(event) : null,
      localSubscriptionId: typeof local === "string" && local ? local : null,
    };
  } catch {
    return { eventDate: null, localSubscriptionId: null };
  }
}

/** One Azure Stack line as a COPY row, or a line and column error. */
function billedLineCopyRow(record: string[], at: ColumnIndexes, columns: BilledLineColumns, line: number, meter: string, summary: BilledLinesSummary): string {
  const subscription = firstFilled(record, at.subscription);
  if (!subscription || !GUID.test(subscription.value))
    throw invalidLine(line, columns.subscription[0], `“${subscription?.value ?? ""}” is not a subscription id (GUID).`);
  if (!GUID.test(meter)) throw invalidLine(line, columns.meter, `“${record[at.meter] ?? ""}” is not a meter id (GUID).`);
  const usageDate = parseReconDay(record[at.usageDate] ?? "");
  if (!usageDate) throw invalidLine(line, columns.usageDate, `“${record[at.usageDate] ?? ""}” is not a date.`);
  const quantity = parseNumber(record[at.quantity] ?? "", line, columns.quantity, 18);
  const price = firstFilled(record, at.unitPrice);
  if (!price) throw invalidLine(line, columns.unitPrice[0], "the unit price is missing.");
  const unitPrice = parseNumber(price.value, line, columns.unitPrice[0], 14);
  const total = firstFilled(record, at.total);
  if (!total) throw invalidLine(line, columns.total[0], "the pre-tax total is missing.");
  const amount = parseNumber(total.value, line, columns.total[0], 18);
  if (summary.currency === null) summary.currency = firstFilled(record, at.currency)?.value.toUpperCase().slice(0, 3) ?? null;
  const info = azureStackInfo(at.additionalInfo >= 0 ? record[at.additionalInfo] : undefined);
  const resource = at.resource >= 0 ? (record[at.resource] ?? "").trim().toLowerCase() : "";
  const customer = at.customer >= 0 ? (record[at.customer] ?? "").trim().toLowerCase() : "";
  return `${line}\t${subscription.value.toLowerCase()}\t${meter}\t${copyText(resource)}\t${usageDate}\t${info.eventDate ?? COPY_NULL}\t${
    info.localSubscriptionId ? copyText(info.localSubscriptionId) : COPY_NULL
  }\t${customer ? copyText(customer) : COPY_NULL}\t${quantity}\t${unitPrice}\t${amount}\n`;
}

/**
 * Yields COPY text chunks (each ending at a row) of an import's own table (its id is the table's
 * default, not in the text); `summary` is filled as it
 * goes and complete when the generator ends. `azureStackMeters`: the commerce meter ids (lowercase).
 */
export async function* billedLinesCopyText(csv: Readable, azureStackMeters: ReadonlySet<string>, summary: BilledLinesSummary): AsyncGenerator<string> {
  let columns: BilledLineColumns | null = null;
  let at: ColumnIndexes | null = null;
  let batch = "";
  let inBatch = 0;
  let line = 1;
  const source = (async function* () {
    try {
      for await (const chunk of csv as AsyncIterable<Uint8Array>) yield chunk;
    } catch (error) {
      throw error instanceof DomainError
        ? error
        : fileError(`The file could not be read or decompressed (${error instanceof Error ? error.message : String(error)}).`);
    }
  })();
  try {
    for await (const { records, lines } of readCsvRecords(source)) {
      for (let r = 0; r < records.length; r++) {
        const record = records[r];
        line = lines[r];
        if (record.length === 1 && record[0] === "") continue;
        if (!columns || !at) {
          columns = detectReconFormat(record);
          if (!columns)
            throw fileError(
              "This is not a Partner Center recon file: its header has neither MeterRegion and UsageDate (daily-rated usage) nor ResourceGuid and ChargeStartDate (legacy usage-based).",
            );
          at = indexColumns(record, columns);
          summary.format = columns.format;
          continue;
        }
        summary.linesRead++;
        const meter = (record[at.meter] ?? "").trim().toLowerCase();
        const region = (record[at.region] ?? "").trim().toLowerCase();
        if (region !== AZURE_STACK_REGION && !azureStackMeters.has(meter)) {
          summary.setAsideLines++;
          continue;
        }
        summary.azureStackLines++;
        batch += billedLineCopyRow(record, at, columns, line, meter, summary);
        if (++inBatch === BATCH_LINES) {
          yield batch;
          batch = "";
          inBatch = 0;
        }
      }
    }
  } catch (error) {
    csv.destroy();
    if (error instanceof DomainError) throw error;
    if (error instanceof CsvSyntaxError) throw invalidLine(error.line, "file", error.message);
    throw fileError(`Line ${line}: the CSV could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!columns) throw fileError("The file has no header line.");
  if (batch) yield batch;
}

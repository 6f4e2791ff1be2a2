// A recon file's bytes → the import's billed lines, as COPY text rows for its partition of
// "ReconciliationBilledLine" (BILLED_LINE_COPY_COLUMNS). Only the Azure Stack lines (MeterRegion /
// Region "Azure Stack", or an Azure Stack commerce meter) are converted; the rest are counted. Every
// value is checked here, in file order, so the first bad line's first bad field is refused with
// its line and column, as a reader going line by line would report it; PostgreSQL then only reads
// values it accepts. This runs in Node while PostgreSQL stores the previous chunk: the two cores
// share the work. Pure (no server-only): the bench drives it.
import { COMMON_ERROR_CODES, DomainError } from "../errors";
import { checkNumber, isAscii, parseReconDay, trimCell } from "./billed-line-values";
import { CopyRowWriter, isCellSpaceByte, jsonStringValueAt } from "./copy-row-writer";
import { AZURE_STACK_REGION, requiredColumnGroups, type BilledLineColumns } from "./reconciliation-columns";
import { CsvLayoutError, fieldText, readCsvRecords, type CsvRecordBatch } from "./read-csv-records";

export const BILLED_LINE_COPY_COLUMNS = `"lineNumber", "subscriptionId", "meterId", "resourceUri", "usageDate", "eventDate", "localSubscriptionId", "customerTenantId", "quantity", "unitPrice", "total"`;

/** COPY chunks of about this many bytes (PGlite runs one COPY per few MB). */
const CHUNK_BYTES = 1024 * 1024;

export interface BilledLines {
  /** The header's fields (a leading BOM dropped); null for a file of blank lines. */
  header: string[] | null;
  /** The COPY text rows; `columns` found in the header (refused when one it needs is missing). */
  rows(columns: BilledLineColumns, azureStackMeters: ReadonlySet<string>): AsyncGenerator<Buffer>;
  /** Once `rows` has ended: */
  summary(): {
    linesRead: number;
    azureStackLines: number;
    currency: string | null;
    /** A resource or customer beyond ASCII was written as it is, for PostgreSQL's lower(). */
    nonAscii: boolean;
  };
}

const fileError = (message: string, field = "file") => new DomainError(COMMON_ERROR_CODES.ValidationFailed, message, { fields: { [field]: message } });
const quoted = (value: string | null) => `“${value ?? ""}”`;
const refusal = (line: number, column: string, message: string) => fileError(`Line ${line}, column ${column}: ${message}`, column);

interface FieldIndexes {
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
  /** Every field a row is made of (to size it). */
  copied: number[];
}

function fieldIndexesOf(header: readonly string[], columns: BilledLineColumns): FieldIndexes {
  const names = header.map((name) => name.trim());
  const missing = requiredColumnGroups(columns)
    .filter((group) => !group.some((name) => names.includes(name)))
    .map((group) => group.join(" or "));
  if (missing.length > 0) throw fileError(`The header lacks ${missing.join(", ")}.`);
  const at = (name: string | null) => (name === null ? -1 : names.indexOf(name));
  const all = (list: readonly string[]) => list.map(at).filter((index) => index >= 0);
  const copied = [...all(columns.subscription), ...all(columns.unitPrice), ...all(columns.total)];
  for (const name of [columns.meter, columns.resource, columns.usageDate, columns.quantity, columns.additionalInfo, columns.customer])
    if (at(name) >= 0) copied.push(at(name));
  return {
    copied,
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

const AZURE_STACK = Buffer.from(AZURE_STACK_REGION);

function trimmedStart(batch: CsvRecordBatch, f: number): number {
  let s = batch.fieldStart[f];
  const e = batch.fieldEnd[f];
  while (s < e && isCellSpaceByte(batch.buf[s])) s++;
  return s;
}

function trimmedEnd(batch: CsvRecordBatch, f: number): number {
  const s = batch.fieldStart[f];
  let e = batch.fieldEnd[f];
  while (e > s && isCellSpaceByte(batch.buf[e - 1])) e--;
  return e;
}

/** MeterRegion / Region is "Azure Stack" (any case, cell spaces around). */
function isAzureStackRegion(batch: CsvRecordBatch, f: number): boolean {
  const s = trimmedStart(batch, f);
  if (trimmedEnd(batch, f) - s !== AZURE_STACK.length) return false;
  for (let i = 0; i < AZURE_STACK.length; i++) {
    const b = batch.buf[s + i];
    if ((b >= 0x41 && b <= 0x5a ? b + 32 : b) !== AZURE_STACK[i]) return false;
  }
  return true;
}

/** The first of the record's fields `indexes` that isn't blank (its index into the batch), else -1. */
function firstFilled(batch: CsvRecordBatch, f0: number, indexes: number[]): number {
  for (const index of indexes) if (trimmedStart(batch, f0 + index) < trimmedEnd(batch, f0 + index)) return f0 + index;
  return -1;
}

/** A number under 10^digits, or the line is refused (`missing`: the words for a blank one; null: “” is not a number). */
function writeNumber(batch: CsvRecordBatch, f: number, digits: number, out: CopyRowWriter, line: number, column: string, missing: string | null): void {
  if (f < 0) throw refusal(line, column, missing ?? `${quoted("")} is not a number.`);
  if (batch.fieldQuoting[f] !== 2 && out.plainNumber(batch.buf, trimmedStart(batch, f), trimmedEnd(batch, f), digits)) return;
  const raw = fieldText(batch, f);
  const value = trimCell(raw);
  const problem = checkNumber(value, digits);
  // The quantity's refusal quotes the cell as it is; the others quote it trimmed (as they are found: the first filled one).
  if (problem === "not-a-number") throw refusal(line, column, `${quoted(missing === null ? raw : value)} is not a number.`);
  if (problem === "too-large") throw refusal(line, column, `${quoted(value)} is too large.`);
  out.text(value);
}

const EVENT_KEY = [Buffer.from('"azureStack.EventDateTime"'), Buffer.from('""azureStack.EventDateTime""')] as const;
const LOCAL_SUBSCRIPTION_KEY = [Buffer.from('"azureStack.SubscriptionId"'), Buffer.from('""azureStack.SubscriptionId""')] as const;

/** AdditionalInfo's azureStack.EventDateTime (as a day) and azureStack.SubscriptionId, tab-separated, \\N when absent. */
function writeAdditionalInfo(batch: CsvRecordBatch, f: number, present: boolean, out: CopyRowWriter): void {
  const quoting = present ? batch.fieldQuoting[f] : 1;
  // A field quoted without a quote inside holds no JSON key.
  if (quoting === 1) {
    out.nul();
    out.tab();
    out.nul();
    return;
  }
  const { buf } = batch;
  const s = batch.fieldStart[f];
  const e = batch.fieldEnd[f];
  const quote = quoting === 2 ? 2 : 1;
  const event = jsonStringValueAt(buf, s, e, EVENT_KEY[quote - 1], quote);
  let start = event ? event[0] : 0;
  let end = event ? event[1] : 0;
  while (start < end && isCellSpaceByte(buf[start])) start++;
  while (end > start && isCellSpaceByte(buf[end - 1])) end--;
  if (event === null || start === end) out.nul();
  else if (!out.isoDay(buf, start, end)) {
    const day = parseReconDay(buf.toString("utf8", start, end));
    if (day === null) out.nul();
    else out.text(day);
  }
  out.tab();
  const local = jsonStringValueAt(buf, s, e, LOCAL_SUBSCRIPTION_KEY[quote - 1], quote);
  if (local === null || local[0] === local[1]) out.nul();
  else out.escaped(buf, local[0], local[1], false);
}

/** Field f trimmed, A–Z lowered; false when it goes beyond ASCII (then written as it is, for PostgreSQL's lower()). */
function writeLowered(batch: CsvRecordBatch, f: number, out: CopyRowWriter): boolean {
  if (batch.fieldQuoting[f] !== 2) return out.escaped(batch.buf, trimmedStart(batch, f), trimmedEnd(batch, f), true);
  const value = trimCell(fieldText(batch, f));
  const ascii = isAscii(value);
  out.text(ascii ? value.toLowerCase() : value);
  return ascii;
}

export async function readBilledLines(source: AsyncIterable<Uint8Array>): Promise<BilledLines> {
  const batches = readCsvRecords(source);
  let pending: CsvRecordBatch | null = null;
  let firstRecord = 0;
  let header: string[] | null = null;
  for (let next = await batches.next(); !next.done; next = await batches.next()) {
    const batch = next.value;
    const f = batch.first[0];
    header = Array.from({ length: batch.fieldCount[0] }, (_, i) => fieldText(batch, f + i));
    pending = batch;
    firstRecord = 1;
    break;
  }
  let linesRead = 0;
  let azureStackLines = 0;
  let currency: string | null = null;
  let nonAscii = false;

  async function* rows(columns: BilledLineColumns, azureStackMeters: ReadonlySet<string>): AsyncGenerator<Buffer> {
    if (header === null || pending === null) return;
    const width = header.length;
    const at = fieldIndexesOf(header, columns);
    const out = new CopyRowWriter(CHUNK_BYTES);
    for (let batch: CsvRecordBatch | null = pending; batch !== null;) {
      const { buf, fieldStart, fieldEnd, fieldQuoting } = batch;
      for (let r = firstRecord; r < batch.records; r++) {
        const line = batch.line[r];
        if (batch.fieldCount[r] !== width) throw new CsvLayoutError(`the line has ${batch.fieldCount[r]} fields; the header has ${width}.`, line);
        linesRead++;
        const f0 = batch.first[r];
        const meter = f0 + at.meter;
        if (!isAzureStackRegion(batch, f0 + at.region) && !azureStackMeters.has(trimCell(fieldText(batch, meter)).toLowerCase())) continue;
        azureStackLines++;
        // Room for the row: its values, each escaped at worst, and the separators.
        let room = 64;
        for (const index of at.copied) room += 2 * (fieldEnd[f0 + index] - fieldStart[f0 + index]);
        const full = out.reserve(room);
        if (full) yield full;
        out.integer(line);
        out.tab();
        const subscription = firstFilled(batch, f0, at.subscription);
        if (subscription < 0 || fieldQuoting[subscription] === 2 || !out.guid(buf, trimmedStart(batch, subscription), trimmedEnd(batch, subscription))) {
          throw refusal(
            line,
            columns.subscription[0],
            `${quoted(subscription < 0 ? null : trimCell(fieldText(batch, subscription)))} is not a subscription id (GUID).`,
          );
        }
        out.tab();
        if (fieldQuoting[meter] === 2 || !out.guid(buf, trimmedStart(batch, meter), trimmedEnd(batch, meter))) {
          throw refusal(line, columns.meter, `${quoted(fieldText(batch, meter))} is not a meter id (GUID).`);
        }
        out.tab();
        const resource = f0 + at.resource;
        if (at.resource >= 0 && !writeLowered(batch, resource, out)) nonAscii = true;
        out.tab();
        const usage = f0 + at.usageDate;
        if (fieldQuoting[usage] === 2 || !out.isoDay(buf, trimmedStart(batch, usage), trimmedEnd(batch, usage))) {
          const day = parseReconDay(trimCell(fieldText(batch, usage)));
          if (day === null) throw refusal(line, columns.usageDate, `${quoted(fieldText(batch, usage))} is not a date.`);
          out.text(day);
        }
        out.tab();
        writeAdditionalInfo(batch, f0 + at.additionalInfo, at.additionalInfo >= 0, out);
        out.tab();
        const customer = f0 + at.customer;
        if (at.customer < 0 || trimmedStart(batch, customer) === trimmedEnd(batch, customer)) out.nul();
        else if (!writeLowered(batch, customer, out)) nonAscii = true;
        out.tab();
        writeNumber(batch, f0 + at.quantity, 18, out, line, columns.quantity, null);
        out.tab();
        writeNumber(batch, firstFilled(batch, f0, at.unitPrice), 14, out, line, columns.unitPrice[0], "the unit price is missing.");
        out.tab();
        writeNumber(batch, firstFilled(batch, f0, at.total), 18, out, line, columns.total[0], "the pre-tax total is missing.");
        out.end();
        if (currency === null && at.currency.length > 0) {
          const value = firstFilled(batch, f0, at.currency);
          if (value >= 0) currency = trimCell(fieldText(batch, value)).slice(0, 3).toUpperCase();
        }
      }
      firstRecord = 0;
      const next = await batches.next();
      batch = next.done ? null : next.value;
    }
    const last = out.take();
    if (last) yield last;
  }

  return { header, rows, summary: () => ({ linesRead, azureStackLines, currency, nonAscii }) };
}

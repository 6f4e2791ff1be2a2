// Bulk load of validated price rows with COPY (SqlTransaction.copyFrom): the rows of a file go to
// the database as one stream of COPY text, which PostgreSQL parses far faster than INSERT
// parameters (no per-batch array parameters, no per-row SQL), into a partition of the version's
// own; the version's search vocabulary goes to a "PriceListWord" partition of its own the same way.
// Not "server-only": the benchmark calls it too.
import type { CopyData, RawSql, SqlTransaction } from "../database/open-database";
import { COPY_NULL, copyText, sqlLiteral } from "../database/sql-text";
import type { PriceRow } from "./parse-price-row";
import { priceWordsCopyText, type PriceWordVocabulary } from "./price-words";

/** PriceRow fields in COPY column order, with their PriceListItem columns ("searchWords" follows). */
const COLUMNS = [
  ["line", "sourceLine"],
  ["productId", "productId"],
  ["productTitle", "productTitle"],
  ["skuId", "skuId"],
  ["skuTitle", "skuTitle"],
  ["publisher", "publisher"],
  ["skuDescription", "skuDescription"],
  ["unitOfMeasure", "unitOfMeasure"],
  ["termDuration", "termDuration"],
  ["market", "market"],
  ["currency", "currency"],
  ["unitPrice", "unitPrice"],
  ["tierMin", "tierMin"],
  ["tierMax", "tierMax"],
  ["effectiveStartDate", "effectiveStartDate"],
  ["effectiveEndDate", "effectiveEndDate"],
  ["meterId", "meterId"],
  ["meterIds", "meterIds"],
  ["meterType", "meterType"],
  ["meterName", "meterName"],
  ["meterCategory", "meterCategory"],
  ["meterSubCategory", "meterSubCategory"],
  ["region", "region"],
  ["tags", "tags"],
] as const satisfies readonly (readonly [keyof PriceRow, string])[];

// No "versionId": the version's own table has it as its DEFAULT (copyPriceItems), which saves
// COPY a 25-character id on every row (COPY's cost is roughly per byte of its input).
const PRICE_ITEM_COPY_COLUMNS = `(${COLUMNS.map(([, column]) => `"${column}"`).join(", ")}, "searchWords")`;

// COPY's text format: tab-separated, \N for NULL, backslash escapes for the separators.
function copyValue(value: string | number | null): string {
  if (value === null) return COPY_NULL;
  return typeof value === "number" ? String(value) : copyText(value);
}

/**
 * The COPY text of `rows` (one line each), without their version (the table's default), their
 * words as ids of `vocabulary` (which numbers the new ones: one vocabulary for the whole file).
 */
export function priceRowsCopyText(rows: readonly PriceRow[], vocabulary: PriceWordVocabulary): string {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = String(row.line);
    for (let c = 1; c < COLUMNS.length; c++) line += `\t${copyValue(row[COLUMNS[c][0]])}`;
    lines[i] = `${line}\t${vocabulary.copyArrayOf(row.searchWords)}`;
  }
  return `${lines.join("\n")}\n`;
}

/** The partition of `parent` that holds version `versionId`'s rows (cuid ids; anything else is refused). */
function versionPartition(parent: "PriceListItem" | "PriceListWord", versionId: string): string {
  if (!/^[A-Za-z0-9_-]{1,48}$/.test(versionId)) throw new Error(`Unexpected price list version id ${JSON.stringify(versionId)}`);
  return `"${parent}_${versionId}"`;
}

/** The partition that holds version `versionId`'s price rows. */
export const priceItemsPartition = (versionId: string) => versionPartition("PriceListItem", versionId);
/** The partition that holds version `versionId`'s search vocabulary. */
export const priceWordsPartition = (versionId: string) => versionPartition("PriceListWord", versionId);

/**
 * Copies `text` (COPY text of valid rows, see priceRowsCopyText, in chunks that end at a row)
 * into version `versionId`'s own partition, then the vocabulary their word ids refer to (`words`,
 * called once `text` has ended: the whole file's words are known only then) into its own partition
 * of "PriceListWord"; returns the number of rows copied. One transaction: each of the version's
 * tables is created without any index, filled by COPY, indexed in bulk and attached as the
 * version's partition. Building an index over the finished table sorts once; maintaining it row by
 * row during the COPY cost more than the COPY itself. Attaching checks the foreign key to the
 * version with one query instead of one look-up per row, and the CHECK constraint lets it skip
 * scanning the rows for the partition bound. Only readers of the version see the rows, and they
 * skip a version that is still IMPORTING. A failure rolls all of it back: no table, no row.
 */
export function copyPriceItems(
  sql: RawSql,
  versionId: string,
  text: AsyncIterable<string | Uint8Array>,
  words: () => readonly string[],
  timings?: { index: number; words: number },
): Promise<number> {
  return sql.transaction(async (tx) => {
    // Locks the version as a foreign key check would (nobody deletes it until this commits).
    const { rows } = await tx.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "PriceListVersion" WHERE "id" = $1 AND "status" = 'IMPORTING' FOR KEY SHARE) AS found`,
      [versionId],
    );
    if (!rows[0]?.found) throw new Error(`Price list version ${versionId} is not being imported`);
    const items = await copyVersionPartition(tx, "PriceListItem", versionId, PRICE_ITEM_COPY_COLUMNS, text);
    if (timings) timings.index += items.indexMs;
    const started = performance.now();
    const vocabulary = words();
    await copyVersionPartition(tx, "PriceListWord", versionId, `("id", "word")`, vocabulary.length > 0 ? [priceWordsCopyText(vocabulary)] : []);
    if (timings) timings.words += performance.now() - started;
    return items.copied;
  });
}

/**
 * Creates version `versionId`'s partition of `parent` without any index, COPYs `text` into it
 * (`columns`: the COPY's column list), indexes it and attaches it. FREEZE (allowed: the table is
 * new in this transaction) writes the rows frozen and marks their pages all-visible at once;
 * otherwise the browse pages' index-only scans read every row from the table until a VACUUM that
 * runs after the COPY's commit is old enough to see it as visible to all (measured: the VACUUM
 * right after an import often marks no page at all). `indexMs`: indexing and attaching.
 */
async function copyVersionPartition(
  tx: SqlTransaction,
  parent: "PriceListItem" | "PriceListWord",
  versionId: string,
  columns: string,
  text: CopyData,
): Promise<{ copied: number; indexMs: number }> {
  const table = versionPartition(parent, versionId);
  await createVersionTable(tx, parent, table, versionId);
  const copied = Array.isArray(text) && text.length === 0 ? 0 : await tx.copyFrom(`COPY ${table} ${columns} FROM STDIN WITH (FREEZE)`, text);
  const indexing = performance.now();
  await indexPartition(tx, parent, table);
  await tx.query(`ALTER TABLE "${parent}" ATTACH PARTITION ${table} FOR VALUES IN (${sqlLiteral(versionId)})`);
  return { copied, indexMs: performance.now() - indexing };
}

/** A table shaped like `parent` for version `versionId`'s rows, with no index yet. */
async function createVersionTable(tx: Pick<RawSql, "query">, parent: string, table: string, versionId: string): Promise<void> {
  await tx.query(`CREATE TABLE ${table} (LIKE "${parent}" INCLUDING DEFAULTS, CHECK ("versionId" = ${sqlLiteral(versionId)}))`);
  // The version id is the same on every row: the table's default fills it in (not in the COPY).
  await tx.query(`ALTER TABLE ${table} ALTER COLUMN "versionId" SET DEFAULT ${sqlLiteral(versionId)}`);
}

/**
 * Gives the new table the parent's primary key and indexes (read from the catalog, so a migration
 * that changes an index changes this too): ATTACH PARTITION then adopts them instead of building
 * them while it holds its locks. maintenance_work_mem stays at its default: 16 MB to 256 MB
 * built the (then trigram) GIN index in the same time (measured), so more would only raise the
 * peak memory.
 */
async function indexPartition(tx: Pick<RawSql, "query">, parent: string, table: string): Promise<void> {
  const { rows } = await tx.query<{ definition: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace AND NOT i.indisprimary`,
    [parent],
  );
  const { rows: keys } = await tx.query<{ columns: string }>(
    `SELECT pg_get_constraintdef(oid) AS columns FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`,
    [`"${parent}"`],
  );
  await tx.query(`ALTER TABLE ${table} ADD ${keys[0].columns}`);
  for (const { definition } of rows) {
    // "CREATE INDEX name ON ONLY public."PriceListItem" USING …" → an unnamed index on the new table.
    const onTable = definition.replace(
      /^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ /,
      (_m, unique: string | undefined) => `CREATE ${unique ?? ""}INDEX ON ${table} `,
    );
    if (onTable === definition) throw new Error(`Unexpected index definition: ${definition}`);
    await tx.query(onTable);
  }
}

// The tables named after one import: its partitions of "ReconciliationBilledLine" and
// "ReconciliationLine" (both partitioned by import) and the rated keys aggregated for its matching.
// The import's id is a UUID we generate (or a cuid, the schema's default); anything but lowercase
// letters, digits and dashes is refused, so the name is always a safe identifier. Pure.
const IMPORT_ID = /^[0-9a-z][0-9a-z-]{0,35}$/;

/** `suffix`: a table being built to take the partition's place (e.g. "_new"). */
export function importTableName(
  table: "ReconciliationBilledLine" | "ReconciliationLine" | "ReconciliationRatedKeys",
  importId: string,
  suffix: "" | "_new" = "",
): string {
  if (!IMPORT_ID.test(importId)) throw new Error(`Unexpected reconciliation import id ${JSON.stringify(importId)}`);
  return `"${table}_${importId}${suffix}"`;
}

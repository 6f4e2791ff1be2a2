// The partition of "ReconciliationBilledLine" or "ReconciliationLine" that holds one import's rows
// (both tables are partitioned by import; its id is a UUID we generate, anything else is refused,
// so the name is always a safe identifier). Pure.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `suffix`: a table being built to take the partition's place (e.g. "_new"). */
export function importPartition(table: "ReconciliationBilledLine" | "ReconciliationLine", importId: string, suffix: "" | "_new" = ""): string {
  if (!UUID.test(importId)) throw new Error(`Unexpected reconciliation import id ${JSON.stringify(importId)}`);
  return `"${table}_${importId}${suffix}"`;
}

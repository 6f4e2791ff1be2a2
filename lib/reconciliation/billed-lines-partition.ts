// The partition of "ReconciliationBilledLine" that holds one import's lines (its id is a UUID we
// generate; anything else is refused, so the name is always a safe identifier). Pure.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function billedLinesPartition(importId: string): string {
  if (!UUID.test(importId)) throw new Error(`Unexpected reconciliation import id ${JSON.stringify(importId)}`);
  return `"ReconciliationBilledLine_${importId}"`;
}

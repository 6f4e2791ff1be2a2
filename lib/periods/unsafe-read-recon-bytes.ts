import "server-only";
// A billing partner's whole recon file for a period (daily-rated columns), read to the end through
// the recon writer the download uses: the bytes the close freezes.
import type { Database } from "../database/open-database";
import type { PartnerScope } from "../auth/partner-scope";
import { resolveReconQuery } from "../recon/recon-source";
import { chooseReconWriter } from "../recon/choose-recon-writer";

/** Unsafe: `scope` is the billing partner's own (unsafeBillingPartnerScope). */
export async function unsafeReadReconBytes(database: Pick<Database, "sql">, scope: PartnerScope, period: string): Promise<Buffer> {
  const query = await resolveReconQuery(database.sql, scope, { period });
  const reader = chooseReconWriter(database.sql).write(query, "modern").getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

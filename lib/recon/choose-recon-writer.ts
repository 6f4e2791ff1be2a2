// Which engine writes the recon file: PostgreSQL's COPY when the connection streams COPY TO STDOUT
// (a PostgreSQL server), else the JS writer (PGlite). Both write the same bytes (recon-writer.ts).
// No "server-only": the bench script and tests choose through it too.
import type { RawSql } from "../database/open-database";
import { CopyReconWriter } from "./copy-recon-writer";
import { JsReconWriter } from "./js-recon-writer";
import { RECON_PAGE_SIZE } from "./recon-source";
import type { ReconWriter } from "./recon-writer";

/** `pageSize`: lines per keyset page of the JS writer (the COPY writer streams without pages). */
export function chooseReconWriter(sql: Pick<RawSql, "query" | "copyTo">, pageSize = RECON_PAGE_SIZE): ReconWriter {
  const copyTo = sql.copyTo?.bind(sql);
  if (copyTo) return new CopyReconWriter({ copyTo });
  return new JsReconWriter(sql, pageSize);
}

// The recon file's one seam: whatever the engine, a writer turns a resolved query and a column set
// into the file's bytes (header, then one CSV line per rated line), pulled as the reader consumes
// them, so a slow client stops the database reads instead of buffering the month. Two engines give
// byte-identical files (tests/recon-copy.test.ts): JsReconWriter (keyset pages → JS mapping →
// csv-stringify; PGlite) and CopyReconWriter (PostgreSQL formats the lines, COPY … TO STDOUT);
// chooseReconWriter picks by what the database offers. No "server-only": types only.
import type { ReconFormat } from "./recon-formats";
import type { ResolvedReconQuery } from "./recon-source";

export interface ReconWriter {
  /** The recon file of `query` in the `format` column set (default: modern). */
  write(query: ResolvedReconQuery, format?: ReconFormat): ReadableStream<Uint8Array>;
}

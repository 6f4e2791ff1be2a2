// chooseReconWriter: the engine follows the database. A connection that streams COPY TO STDOUT
// (PostgreSQL) gets the COPY engine, which runs the column set's COPY statement and writes the
// header before COPY's lines, un-escaped; one without (PGlite) gets the JS engine. That both engines
// write the same bytes is tests/recon-copy.test.ts.
import { describe, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { chooseReconWriter } from "../lib/recon/choose-recon-writer";
import { CopyReconWriter } from "../lib/recon/copy-recon-writer";
import { JsReconWriter } from "../lib/recon/js-recon-writer";
import { LEGACY_RECON_COLUMNS } from "../lib/recon/legacy-recon-line";
import { reconCopySql } from "../lib/recon/recon-csv-sql";
import type { ResolvedReconQuery } from "../lib/recon/recon-source";

const query: ResolvedReconQuery = {
  period: "2026-10",
  from: "2026-10-01",
  to: "2026-10-31",
  subscriptionIds: null,
  customerId: null,
  registrationId: null,
  names: { reseller: null, customer: null, registration: null },
};
const noRows = <Row>() => Promise.resolve({ rows: [] as Row[] });

describe("chooseReconWriter", () => {
  it("writes with JS where the connection has no COPY TO STDOUT", () => {
    expect(chooseReconWriter({ query: noRows })).toBeInstanceOf(JsReconWriter);
  });

  it("writes with PostgreSQL's COPY where it has: the header, then COPY's lines un-escaped", async () => {
    const statements: string[] = [];
    const copyTo = (copySql: string) => {
      statements.push(copySql);
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('a,"b\\\\c"\n'));
          controller.close();
        },
      });
    };
    const writer = chooseReconWriter({ query: noRows, copyTo });
    expect(writer).toBeInstanceOf(CopyReconWriter);
    const text = await new Response(writer.write(query, "legacy")).text();
    expect(statements).toEqual([reconCopySql(query, "legacy")]);
    expect(text).toBe(`${stringify([[...LEGACY_RECON_COLUMNS]])}a,"b\\c"\n`);
  });
});

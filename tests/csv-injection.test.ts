// CSV (formula) injection, driven by OWASP's list of dangerous leading characters (= + - @ tab CR),
// their full-width and small forms, each with and without leading white space: every CSV the portal
// writes (recon daily-rated and legacy, by the JS writer and by PostgreSQL's COPY formatting;
// statements; the audit export; the price list export) writes such a cell with a ' in front, and
// plain numbers (a credit "-1.50") stay numbers. The price list export re-imports as is.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import Decimal from "decimal.js";
import { type World } from "./support/world";
import { makeRegistration } from "./support/registration-fixtures";
import { RECON_METERS, LOCAL_BASE_VM } from "./support/recon-fixtures";
import type { Database } from "../lib/database/open-database";
import { neutraliseCsvCell } from "../lib/files/neutralise-csv-cell";
import { neutraliseCsvCellSql } from "../lib/files/neutralise-csv-cell-sql";
import { restoreCsvCell } from "../lib/files/restore-csv-cell";
import { RECON_COLUMNS } from "../lib/recon/recon-line";
import { LEGACY_RECON_COLUMNS } from "../lib/recon/legacy-recon-line";
import { reconCsvSelect } from "../lib/recon/recon-csv-sql";
import type { ReconFormat } from "../lib/recon/recon-formats";
import { resolveReconQuery } from "../lib/recon/recon-source";
import { JsReconWriter } from "../lib/recon/js-recon-writer";
import { chooseReconWriter } from "../lib/recon/choose-recon-writer";
import { statementCsv } from "../lib/chargeback/statement-csv";
import type { CustomerStatement } from "../lib/chargeback/get-customer-statement";
import { AUDIT_CSV_COLUMNS, auditCsvRecord } from "../lib/audit/export-audit-events";
import type { AuditEventRow } from "../lib/audit/list-audit-events";
import { seedDemoPriceList } from "../prisma/seed/pricing-demo";
import { exportPriceListCsv } from "../lib/pricing/export-price-list";
import { importPriceList } from "../lib/pricing/import-price-list";
import { priceListQuerySchema, resolvePriceListQuery } from "../lib/pricing/price-list-query";
import { PRICE_LIST_HEADER } from "../lib/pricing/price-list-columns";
import { withTestWorld } from "./support/with-test-world";

/** OWASP's dangerous first characters, their full-width forms, the small forms and the minus sign. */
const DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", "\uFE66", "\uFE62", "\uFE63", "\uFE6B", "\u2212"];
/** Nothing, spaces, tabs, a line feed, a no-break and an ideographic (full-width) space, a BOM. */
const LEADS = ["", " ", "   ", "\t", " \t ", "\n", "\u00A0", "\u3000", "\uFEFF"];
const PAYLOADS = ["1+1", "cmd|' /C calc'!A0", 'HYPERLINK("http://evil","x")', "SUM(A1:A9)", "2+3"];

/** Every dangerous prefix × every lead, each with a payload (rotating). */
const HOSTILE = DANGEROUS.flatMap((danger, d) => LEADS.map((lead, l) => `${lead}${danger}${PAYLOADS[(d + l) % PAYLOADS.length]}`));
/**
 * The hostile values stored in the database and read back: without those starting with a BOM,
 * which PGlite's driver drops from the start of a returned text value (its UTF-8 decoding), so the
 * JS writer never sees it there (the guard itself is checked with them above and in SQL).
 */
const STORED_HOSTILE = HOSTILE.filter((value) => !value.startsWith("\uFEFF"));
/** Values a spreadsheet reads as text or numbers, written as they are. */
const INERT = ["Fabrikam", "", " Contoso", "1.5", "-1.50", "0", "-0", "42", "a=b", "x+1", "'quoted", "2026-10-01", "/subscriptions/x", '{"a":"=1"}'];
/** Not plain numbers, so quoted: the number exemption is narrow. */
const NOT_PLAIN = ["-1+1", " -1", "-1e5", "-1,5", "+1", "-.5", "\uFF0D1"];

const quoted = (value: string) => `'${value}`;

describe("the guard (neutraliseCsvCell)", () => {
  it("quotes every OWASP prefix, with and without leading white space, full-width and small forms", () => {
    expect(HOSTILE).toHaveLength(DANGEROUS.length * LEADS.length);
    for (const value of HOSTILE) expect(neutraliseCsvCell(value), JSON.stringify(value)).toBe(quoted(value));
    for (const value of NOT_PLAIN) expect(neutraliseCsvCell(value), JSON.stringify(value)).toBe(quoted(value));
  });
  it("leaves text and plain numbers alone (a credit stays a number)", () => {
    for (const value of INERT) expect(neutraliseCsvCell(value), JSON.stringify(value)).toBe(value);
  });
  it("is undone exactly by restoreCsvCell, also for values that already start with a quote", () => {
    const values = [...HOSTILE, ...INERT, ...NOT_PLAIN, ...HOSTILE.map(quoted), ...HOSTILE.map((v) => `''${v}`), "'", "''", "'-1.5"];
    for (const value of values) expect(restoreCsvCell(neutraliseCsvCell(value)), JSON.stringify(value)).toBe(value);
  });
});

let database: Database;
let world: World;

withTestWorld((context) => ({ database, world } = context));

describe("the guard in SQL (neutraliseCsvCellSql)", () => {
  it("gives what the JS gives, for every value", async () => {
    const values = [...HOSTILE, ...INERT, ...NOT_PLAIN, ...HOSTILE.map(quoted), "\u{1F600}=1"];
    const { rows } = await database.sql.query<{ v: string; n: string }>(
      `SELECT v, ${neutraliseCsvCellSql("v")} AS n FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i`,
      [values],
    );
    expect(rows.map((row) => row.n)).toEqual(values.map(neutraliseCsvCell));
  });
});

const PERIOD = "2026-10";
const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("recon files (both formats, both engines)", () => {
  beforeAll(async () => {
    const c = world.customers;
    await database.prisma.customer.update({ where: { id: c.direct.customer.id }, data: { companyName: ' \uFF1DHYPERLINK("http://evil")', domain: "\t=cmd" } });
    await database.prisma.azureSubscription.update({ where: { id: c.direct.subscription.id }, data: { displayName: "\u3000+cmd|' /C calc'!A0" } });
    const registration = await makeRegistration(database.prisma, { partnerId: world.partners.direct.id, subscriptionId: c.direct.subscription.id });
    // One line per hostile value: as its location, and in a resource URI off the canonical shape.
    for (const [index, value] of STORED_HOSTILE.entries()) {
      await database.sql.query(
        `INSERT INTO "RatedUsageLine" ("registrationId","azureSubscriptionId","commerceMeterId","resourceUri","usageDate","eventDate",
           "localMeterId","localSubscriptionId","unregisteredTenant","location","quantity","market","currency","unitPrice")
         VALUES ($1, $2::uuid, $3::uuid, $4, '2026-10-05', '2026-10-05', $5::uuid, $6, false, $7, $8::numeric, 'US', 'USD', 0.046)`,
        [
          registration.id,
          c.direct.subscription.id,
          RECON_METERS.vm,
          index % 2 ? value : `${value}/resourceGroups/${value}/providers/${value}`,
          LOCAL_BASE_VM,
          `local-${index}`,
          value,
          index % 3 === 0 ? "-2.5" : `${index + 1}`,
        ],
      );
    }
  });

  const FORMATS: ReconFormat[] = ["modern", "legacy"];

  it("write the same bytes from the JS writer and the SQL formatting", async () => {
    const query = await resolveReconQuery(database.sql, await world.operatorScope(), { period: PERIOD });
    for (const format of FORMATS) {
      const expected = await text(new JsReconWriter(database.sql, 50).write(query, format));
      const { rows } = await database.sql.query<{ line: string }>(reconCsvSelect(query, format));
      const header = format === "legacy" ? LEGACY_RECON_COLUMNS : RECON_COLUMNS;
      expect(stringify([[...header]]) + rows.map((row) => `${row.line}\n`).join("")).toBe(expected);
      // On PostgreSQL the download is the COPY itself.
      expect(await text(chooseReconWriter(database.sql).write(query, format))).toBe(expected);
    }
  });

  it("quote every hostile cell and keep numbers numbers", async () => {
    const query = await resolveReconQuery(database.sql, await world.operatorScope(), { period: PERIOD });
    const modern = parse(await text(chooseReconWriter(database.sql).write(query, "modern"))) as string[][];
    const col = (name: (typeof RECON_COLUMNS)[number]) => RECON_COLUMNS.indexOf(name);
    const lines = modern.slice(1).filter((row) => row[col("CustomerName")].startsWith("'"));
    expect(lines).toHaveLength(STORED_HOSTILE.length);
    expect(new Set(lines.map((row) => row[col("ResourceLocation")]))).toEqual(new Set(STORED_HOSTILE.map(quoted)));
    for (const row of lines) {
      expect(row[col("CustomerName")]).toBe(quoted(' \uFF1DHYPERLINK("http://evil")'));
      expect(row[col("CustomerDomainName")]).toBe(quoted("\t=cmd"));
      expect(row[col("EntitlementDescription")]).toBe(quoted("\u3000+cmd|' /C calc'!A0"));
      expect(row[col("ResourceURI")]).toMatch(/^'/);
      for (const cell of [row[col("ConsumedService")], row[col("ResourceGroup")]]) expect(cell === "" || cell.startsWith("'")).toBe(true);
      for (const number of ["Quantity", "UnitPrice", "BillingPreTaxTotal", "PricingPreTaxTotal"] as const) {
        expect(row[col(number)]).toMatch(/^-?[0-9]+(\.[0-9]+)?$/);
      }
    }
    const credits = lines.filter((row) => row[col("Quantity")] === "-2.5");
    expect(credits.length).toBeGreaterThan(0);
    expect(credits[0][col("BillingPreTaxTotal")]).toBe("-0.12");

    const legacy = parse(await text(chooseReconWriter(database.sql).write(query, "legacy"))) as string[][];
    const lcol = (name: (typeof LEGACY_RECON_COLUMNS)[number]) => LEGACY_RECON_COLUMNS.indexOf(name);
    const legacyLines = legacy.slice(1).filter((row) => row[lcol("CustomerCompanyName")].startsWith("'"));
    expect(legacyLines).toHaveLength(STORED_HOSTILE.length);
    for (const row of legacyLines) {
      expect(row[lcol("DomainName")]).toBe(quoted("\t=cmd"));
      expect(row[lcol("SubscriptionName")]).toBe(quoted("\u3000+cmd|' /C calc'!A0"));
      expect(row[lcol("PretaxCharges")]).toMatch(/^-?[0-9]+\.[0-9]{2}$/);
    }
  });
});

describe("statements", () => {
  it("quote every hostile text cell; amounts, credits included, stay numbers", () => {
    for (const [index, value] of HOSTILE.entries()) {
      const line = {
        meterKind: "commerce" as const,
        meterId: "fb8c0713-ea20-40bf-901f-5560fd3f6330",
        meterName: value,
        category: value,
        unit: value,
        quantity: new Decimal("-2.5"),
        unitPrice: new Decimal("0.6"),
        priceVaries: false,
        firstDay: "2026-10-01",
        lastDay: "2026-10-31",
        amount: new Decimal("-1.50"),
        microsoftCost: new Decimal("-1.20"),
        margin: new Decimal("-0.30"),
      };
      const base = {
        period: PERIOD,
        from: "2026-10-01",
        to: "2026-10-31",
        currency: index % 2 ? value : "USD",
        customer: { id: "c", companyName: value, domain: value, country: "US", tenantId: "t" },
        issuer: { id: "p", name: "Partner", country: "US", mpnId: "1" },
        total: new Decimal("-1.50"),
      };
      const statements: CustomerStatement[] = [
        { ...base, showsCost: true, lines: [line], microsoftCost: new Decimal("-1.20"), margin: new Decimal("-0.30"), marginPercent: null },
        { ...base, showsCost: false, lines: [{ ...line }] },
      ];
      for (const statement of statements) {
        const [header, row, total] = parse(statementCsv(statement)) as string[][];
        const cell = (rowCells: string[], name: string) => rowCells[header.indexOf(name)];
        for (const name of ["CustomerName", "CustomerDomain", "MeterCategory", "MeterName", "Unit"]) expect(cell(row, name)).toBe(quoted(value));
        expect(cell(row, "Currency")).toBe(index % 2 ? quoted(value) : "USD");
        expect(cell(row, "Quantity")).toBe("-2.5");
        expect(cell(row, "Amount")).toBe("-1.50");
        expect(cell(total, "CustomerName")).toBe(quoted(value));
        expect(cell(total, "Amount")).toBe("-1.50");
        if (statement.showsCost) expect([cell(row, "MicrosoftCost"), cell(row, "Margin")]).toEqual(["-1.20", "-0.30"]);
      }
    }
  });
});

describe("the audit export", () => {
  it("quotes every hostile cell", () => {
    for (const value of HOSTILE) {
      const row: AuditEventRow = {
        id: "e",
        createdAt: new Date("2026-10-01T00:00:00Z"),
        action: value,
        targetType: value,
        targetId: value,
        before: null,
        after: { name: value },
        actor: { email: value, displayName: value },
        partner: { id: value, name: value },
      };
      const [parsed] = parse(stringify([auditCsvRecord(row)])) as string[][];
      for (const name of ["ActorEmail", "Action", "TargetType", "TargetId", "PartnerId", "PartnerName"]) {
        expect(parsed[AUDIT_CSV_COLUMNS.indexOf(name as (typeof AUDIT_CSV_COLUMNS)[number])]).toBe(quoted(value));
      }
      expect(JSON.parse(parsed[AUDIT_CSV_COLUMNS.indexOf("After")])).toEqual({ name: value });
    }
  });
});

describe("the price list export", () => {
  const TEXT_COLUMNS = ["productTitle", "skuTitle", "skuDescription", "meterName"] as const;
  const HEADERS = ["ProductTitle", "SkuTitle", "SkuDescription", "MeterName"];

  async function exportAll(): Promise<string[][]> {
    let csv = "";
    const query = resolvePriceListQuery(priceListQuerySchema.parse({ date: "2026-03-01", region: "all" }));
    for await (const chunk of await exportPriceListCsv(await world.operatorScope(), query, "portal")) csv += chunk;
    return parse(csv) as string[][];
  }

  it("quotes hostile titles, descriptions and meter names; prices stay numbers; the file re-imports as is", async () => {
    await database.prisma.$transaction((tx) => seedDemoPriceList(tx), { timeout: 60_000 });
    const { rows } = await database.sql.query<{ id: string }>(`SELECT "id"::text AS id FROM "PriceListItem" ORDER BY "id"`);
    let next = 0;
    for (const { id } of rows) {
      const values = TEXT_COLUMNS.map(() => STORED_HOSTILE[next++ % STORED_HOSTILE.length]);
      await database.sql.query(`UPDATE "PriceListItem" SET ${TEXT_COLUMNS.map((column, i) => `"${column}" = $${i + 2}`).join(", ")} WHERE "id" = $1::bigint`, [
        id,
        ...values,
      ]);
    }
    expect(next).toBeGreaterThanOrEqual(STORED_HOSTILE.length);
    const exported = await exportAll();
    expect(exported[0]).toEqual(PRICE_LIST_HEADER);
    const seen = new Set<string>();
    for (const record of exported.slice(1)) {
      for (const header of HEADERS) {
        const cell = record[PRICE_LIST_HEADER.indexOf(header)];
        expect(cell.startsWith("'"), JSON.stringify(cell)).toBe(true);
        seen.add(cell.slice(1));
      }
      expect(record[PRICE_LIST_HEADER.indexOf("UnitPrice")]).toMatch(/^[0-9]+(\.[0-9]+)?$/);
    }
    expect(seen).toEqual(new Set(STORED_HOSTILE));

    // Re-imported, the stored text is the exported text without the guard's quote (and, as any
    // imported cell, trimmed).
    const result = await importPriceList(await world.operatorScope(), {
      source: (async function* () {
        yield stringify(exported);
      })(),
      fileName: "hostile.csv",
      effectiveFrom: "2026-09-01",
    });
    const { rows: stored } = await database.sql.query<Record<(typeof TEXT_COLUMNS)[number], string>>(
      `SELECT ${TEXT_COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "PriceListItem" WHERE "versionId" = $1 ORDER BY "sourceLine"`,
      [result.versionId],
    );
    expect(stored).toHaveLength(exported.length - 1);
    stored.forEach((row, index) => {
      TEXT_COLUMNS.forEach((column, c) => expect(row[column]).toBe(exported[index + 1][PRICE_LIST_HEADER.indexOf(HEADERS[c])].slice(1).trim()));
    });
  });
});

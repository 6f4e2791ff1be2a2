// The audit log page's data and its CSV export: scope (a reseller its own events, a distributor its
// own and its resellers', narrowed by the switcher; an operator the platform's), every filter, and
// the export equal to the page rows for the same filter, with formula cells neutralised.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { testSession } from "./support/mock-session";
import { makeWorld, type World } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import type { PartnerScope } from "../lib/auth/partner-scope";
import { updateCustomer } from "../lib/customers/update-customer";
import { recordAuditEvent } from "../lib/audit/record-audit-event";
import { listAuditEvents } from "../lib/audit/list-audit-events";
import { parseAuditQuery, type AuditQuery } from "../lib/audit/audit-query";
import { AUDIT_CSV_COLUMNS, auditCsvChunks, auditCsvRecord } from "../lib/audit/export-audit-events";
import { AUDIT_PAGE_SIZE } from "../lib/audit/list-audit-events";

vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());
const { GET: exportAudit } = await import("../app/api/audit/export/route");

let database: Database;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  // One customer.update per partner, made by that partner's admin agent.
  for (const key of ["distributor", "resellerA", "resellerB", "direct"] as const) {
    const scope = await world.scope(key, "ADMIN_AGENT");
    await updateCustomer(scope, { customerId: world.customers[key].customer.id, companyName: `Renamed ${key}`, country: "US" });
  }
  // A platform event (no partner) and an operator's event on a partner's record.
  const operator = await world.operatorScope();
  await recordAuditEvent(database.prisma, operator, {
    action: "price-list.import",
    targetType: "PriceListVersion",
    targetId: '=HYPERLINK("http://evil")',
    partnerId: null,
    after: { rows: 3 },
  });
  await recordAuditEvent(database.prisma, operator, {
    action: "registration.multiTenancy.approve",
    targetType: "Registration",
    targetId: "reg-1",
    partnerId: world.partners.direct.id,
  });
});
afterAll(() => database.close());
beforeEach(() => {
  testSession.scope = null;
});

const query = (raw: Record<string, string> = {}): AuditQuery => parseAuditQuery(raw);
const partnersOf = async (scope: PartnerScope, raw: Record<string, string> = {}) =>
  (await listAuditEvents(scope, query(raw))).rows.map((row) => row.partner?.id ?? null);

async function exportCsv(scope: PartnerScope | null, search = ""): Promise<Response> {
  testSession.scope = scope;
  return exportAudit(new Request(`http://localhost/api/audit/export${search ? `?${search}` : ""}`));
}

describe("audit log scope", () => {
  it("a reseller sees only its own events", async () => {
    const scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await partnersOf(scope)).toEqual([world.partners.resellerA.id]);
    expect(await partnersOf(await world.scope("resellerA", "BILLING_ADMIN"))).toEqual([world.partners.resellerA.id]);
  });

  it("a distributor sees its own and its resellers' events; the switcher narrows to one reseller", async () => {
    const all = await partnersOf(await world.scope("distributor", "ADMIN_AGENT"));
    expect(new Set(all)).toEqual(new Set([world.partners.distributor.id, world.partners.resellerA.id, world.partners.resellerB.id]));
    const narrowed = await partnersOf(await world.scope("distributor", "ADMIN_AGENT", world.partners.resellerB.id));
    expect(narrowed).toEqual([world.partners.resellerB.id]);
  });

  it("a direct CSP sees its own events, including an operator's decision on its registration", async () => {
    const page = await listAuditEvents(await world.scope("direct", "ADMIN_AGENT"), query());
    expect(page.rows.map((row) => row.action).sort()).toEqual(["customer.update", "registration.multiTenancy.approve"]);
  });

  it("an operator sees the platform events: partnerless ones and those operators made", async () => {
    const page = await listAuditEvents(await world.operatorScope(), query());
    expect(page.rows.map((row) => row.action).sort()).toEqual(["price-list.import", "registration.multiTenancy.approve"]);
  });

  it("sales agents have no audit:read", async () => {
    await expect(listAuditEvents(await world.scope("resellerA", "SALES_AGENT"), query())).rejects.toMatchObject({ code: "Forbidden" });
    expect((await exportCsv(await world.scope("resellerA", "SALES_AGENT"))).status).toBe(403);
    expect((await exportCsv(null)).status).toBe(401);
  });
});

describe("audit log filters", () => {
  it("filter by actor email fragment, action, target type or id, and day range", async () => {
    const scope = await world.scope("distributor", "ADMIN_AGENT");
    const resellerAAdmin = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await partnersOf(scope, { actor: resellerAAdmin.email.slice(0, 20).toUpperCase() })).toEqual([world.partners.resellerA.id]);
    expect(await partnersOf(scope, { action: "customer.update" })).toHaveLength(3);
    expect(await partnersOf(scope, { action: "customer.create" })).toHaveLength(0);
    expect(await partnersOf(scope, { target: "customer" })).toHaveLength(3);
    expect(await partnersOf(scope, { target: world.customers.resellerB.customer.id })).toEqual([world.partners.resellerB.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await partnersOf(scope, { from: today, to: today })).toHaveLength(3);
    expect(await partnersOf(scope, { to: "2020-01-01" })).toHaveLength(0);
    expect(await partnersOf(scope, { from: "2999-01-01" })).toHaveLength(0);
    // Bad values are ignored, not errors.
    expect(await partnersOf(scope, { from: "yesterday", page: "-3" })).toHaveLength(3);
  });

  it("the action choices come from the scope's own log", async () => {
    const page = await listAuditEvents(await world.scope("resellerA", "ADMIN_AGENT"), query());
    expect(page.actions).toEqual(["customer.update"]);
  });
});

describe("audit CSV export", () => {
  it("equals the page rows for the same filter, in the same order", async () => {
    for (const [key, filter] of [
      ["distributor", ""],
      ["distributor", "action=customer.update&target=Customer"],
      ["resellerB", ""],
    ] as const) {
      const scope = await world.scope(key, "BILLING_ADMIN");
      const response = await exportCsv(scope, filter);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/csv");
      const [header, ...records] = parse(await response.text()) as string[][];
      expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
      const page = await listAuditEvents(scope, parseAuditQuery(new URLSearchParams(filter)));
      expect(records).toEqual(page.rows.map(auditCsvRecord));
      expect(records.length).toBe(page.total);
    }
  });

  it("shows no other partner's rows and neutralises formula cells", async () => {
    const csv = await (await exportCsv(await world.scope("resellerA", "ADMIN_AGENT"))).text();
    expect(csv).not.toContain(world.partners.resellerB.id);
    expect(csv).not.toContain(world.customers.resellerB.customer.id);

    const operatorCsv = parse(await (await exportCsv(await world.operatorScope(), "action=price-list.import")).text()) as string[][];
    expect(operatorCsv).toHaveLength(2);
    expect(operatorCsv[1][AUDIT_CSV_COLUMNS.indexOf("TargetId")]).toBe('\'=HYPERLINK("http://evil")');
  });
});

describe("audit paging", () => {
  it("pages of the page and of the export cover every event once, newest first, even with equal timestamps", async () => {
    const scope = await world.scope("otherDirect", "ADMIN_AGENT");
    const at = new Date("2026-01-15T10:00:00Z");
    // More than a page, several sharing one timestamp: the (createdAt, id) order must still be total.
    await database.prisma.auditEvent.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 7 }, (_, i) => ({
        actorUserId: scope.userId,
        partnerId: world.partners.otherDirect.id,
        action: "customer.update",
        targetType: "Customer",
        targetId: `paging-${i}`,
        createdAt: new Date(at.getTime() + Math.floor(i / 4) * 1000),
      })),
    });
    const first = await listAuditEvents(scope, query());
    const second = await listAuditEvents(scope, query({ page: "2" }));
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(second.rows).toHaveLength(7);
    expect(first.pageCount).toBe(2);
    const ids = [...first.rows, ...second.rows].map((row) => row.targetId);
    expect(new Set(ids).size).toBe(AUDIT_PAGE_SIZE + 7);
    const times = [...first.rows, ...second.rows].map((row) => row.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A page past the end shows the last page.
    expect((await listAuditEvents(scope, query({ page: "99" }))).page).toBe(2);

    // The export in keyset pages of 3 equals the export in one page.
    const collect = async (pageSize: number) => {
      let text = "";
      for await (const chunk of auditCsvChunks(scope, query(), pageSize)) text += chunk;
      return parse(text) as string[][];
    };
    const small = await collect(3);
    expect(small).toEqual(await collect(1000));
    expect(small).toHaveLength(AUDIT_PAGE_SIZE + 7 + 1);
  });
});

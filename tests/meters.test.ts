import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makeWorld, type World } from "./support/world";
import { setDatabaseForTests } from "../lib/db";
import type { Database } from "../lib/database/open-database";
import { loadMeterMappings } from "../lib/meters/load-meter-mappings";
import { listMeterCatalog } from "../lib/meters/list-meter-catalog";
import { normaliseMeterId } from "../lib/meters/meter-id";
import { daysInUtcMonth, toCommerceQuantity, type MeterMappingTable } from "../lib/meters/quantity-conversion";

let database: Database;
let world: World;
let mappings: MeterMappingTable;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await makeWorld(database.prisma);
  mappings = await loadMeterMappings();
});
afterAll(() => database.close());

// ../shared/reference/README.md, "Local meter → commerce meter", with local ids as documented.
const EXPECTED = [
  { local: "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", tenant: "7bc19779", admin: "3e59e16d", perHour: true },
  { local: "9CD92D4C-BAFD-4492-B278-BEDC2DE8232A", tenant: "fb8c0713", admin: "d30b4825", perHour: true },
  { local: "190C935E-9ADA-48FF-9AB8-56EA1CF9ADAA", tenant: "190c935e", admin: "dba5e57a", perHour: true },
  { local: "09F8879E-87E9-4305-A572-4B7BE209F857", tenant: "8a913f38", admin: "8767aeb3", perHour: false },
  { local: "B4438D5D-453B-4EE1-B42A-DC72E377F1E4", tenant: "5849dc2e", admin: "daa83056", perHour: false },
  { local: "B03C6AE7-B080-4BFA-84A3-22C800F315C6", tenant: "5bfe1d6a", admin: "8e9d8811", perHour: false },
  { local: "B5C15376-6C94-4FDD-B655-1A69D138ACA3", tenant: "0c1fecb6", admin: "44ca5145", perHour: false },
];

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("meter catalog (loaded by the migration)", () => {
  it("has every local and commerce meter of the reference CSVs, ids normalised, and 7 mappings", async () => {
    expect(await database.prisma.localMeter.count()).toBe(51);
    expect(await database.prisma.commerceMeter.count()).toBe(14);
    expect(mappings.size).toBe(7);
    const staticIp = await database.prisma.localMeter.findUniqueOrThrow({ where: { id: "f271a8a3-88c4-4d93-956a-063e1d2fa80b" } });
    expect(staticIp).toMatchObject({ displayId: "F271A8A388C44D93956A063E1D2FA80B", resourceProvider: "Network", unit: "IP Address Hours" });
    expect(await database.prisma.commerceMeter.count({ where: { audience: "ADMIN" } })).toBe(7);
  });

  it("normalises meter ids in any spelling", () => {
    expect(normaliseMeterId("{FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5}")).toBe("fab6eb84-500b-4a09-a8ca-7358f8bbaea5");
    expect(normaliseMeterId("F271A8A388C44D93956A063E1D2FA80B")).toBe("f271a8a3-88c4-4d93-956a-063e1d2fa80b");
    expect(normaliseMeterId("meterID1")).toBeNull();
  });
});

describe("toCommerceQuantity", () => {
  it.each(EXPECTED)("maps $local to its tenant and admin commerce meters", ({ local, tenant, admin }) => {
    const quantity = new Decimal(10);
    expect(toCommerceQuantity(mappings, local, quantity, day("2026-03-05"), "TENANT")?.commerceMeterId.slice(0, 8)).toBe(tenant);
    expect(toCommerceQuantity(mappings, local.toLowerCase(), quantity, day("2026-03-05"), "ADMIN")?.commerceMeterId.slice(0, 8)).toBe(admin);
  });

  it.each(EXPECTED)("converts $local with the factor of the usage day's month", ({ local, perHour }) => {
    const cases = [
      { usageDay: "2026-02-14", days: 28 }, // February
      { usageDay: "2028-02-29", days: 29 }, // leap February
      { usageDay: "2026-04-30", days: 30 },
      { usageDay: "2026-01-31", days: 31 }, // 31-day month, last day
    ];
    for (const { usageDay, days } of cases) {
      expect(daysInUtcMonth(day(usageDay))).toBe(days);
      const gbHours = new Decimal(24 * days * 3); // a month of 3 GB
      const converted = toCommerceQuantity(mappings, local, gbHours, day(usageDay), "TENANT");
      if (perHour)
        expect(converted?.quantity.toFixed()).toBe(gbHours.toFixed()); // vcore-hours × 1
      else expect(converted?.quantity.toFixed()).toBe("3"); // GB-hours → GB-month
      // One day of 1 GB is 1/days of a GB-month: exactly (not a rounded factor).
      const oneDay = toCommerceQuantity(mappings, local, new Decimal(24), day(usageDay), "ADMIN");
      expect(oneDay?.quantity.equals(perHour ? 24 : new Decimal(1).div(days))).toBe(true);
    }
  });

  it("a month of daily lines sums to the month's average GB", () => {
    const blob = EXPECTED[3].local;
    let total = new Decimal(0);
    for (let d = 1; d <= 31; d++) {
      const usageDay = new Date(Date.UTC(2026, 0, d));
      total = total.plus(toCommerceQuantity(mappings, blob, new Decimal(24 * 5), usageDay, "TENANT")?.quantity ?? 0);
    }
    expect(total.toDecimalPlaces(12).toFixed()).toBe("5");
  });

  it("returns null for meters Microsoft does not bill, and for non-GUIDs", () => {
    expect(toCommerceQuantity(mappings, "F271A8A388C44D93956A063E1D2FA80B", new Decimal(5), day("2026-01-01"), "TENANT")).toBeNull();
    expect(toCommerceQuantity(mappings, "6DAB500F-A4FD-49C4-956D-229BB9C8C793", new Decimal(5), day("2026-01-01"), "TENANT")).toBeNull();
    expect(toCommerceQuantity(mappings, "not-a-meter", new Decimal(5), day("2026-01-01"), "TENANT")).toBeNull();
  });
});

describe("listMeterCatalog", () => {
  it("shows what each local meter is billed as, searchable by name and id", async () => {
    const scope = await world.scope("direct", "BILLING_ADMIN");
    const all = await listMeterCatalog(scope, {});
    expect(all.totals).toEqual({ localMeters: 51, commerceMeters: 14, billedLocalMeters: 7 });
    const windows = all.localMeters.find((meter) => meter.name === "Windows VM Size Hours");
    expect(windows?.billedAs).toMatchObject({ conversion: "IDENTITY", tenant: { resourceName: "Windows VM" }, admin: { resourceName: "Windows VM Admin" } });
    expect(all.localMeters.find((meter) => meter.name === "VM size hours")?.billedAs).toBeNull();

    const byId = await listMeterCatalog(scope, { q: "FAB6EB84500B" });
    expect(byId.localMeters.map((meter) => meter.name)).toEqual(["Base VM Size Hours"]);
    const unbilled = await listMeterCatalog(scope, { billed: "unbilled", q: "storage" });
    expect(unbilled.localMeters.every((meter) => meter.billedAs === null)).toBe(true);
    expect(unbilled.commerceMeters).toEqual([]);
    const operator = await listMeterCatalog(await world.operatorScope(), { q: "windows vm admin" });
    expect(operator.commerceMeters.map((meter) => meter.resourceName)).toEqual(["Windows VM Admin"]);
  });

  it("is open to sales agents, who quote from the price list (as in Partner Center)", async () => {
    await expect(listMeterCatalog(await world.scope("direct", "SALES_AGENT"), {})).resolves.toBeDefined();
  });
});

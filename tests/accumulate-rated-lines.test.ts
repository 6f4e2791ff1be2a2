// The Node-side sums of the fresh ingest path: exact like numeric(28, 10) columns summed in SQL.
import { describe, expect, it } from "vitest";
import { RatedLineAccumulator, type RatedLineFields } from "../lib/usage/ingest/domain/rated-line-accumulator";
import { arrayLiteral } from "../lib/database/sql-text";

const fields = (over: Partial<RatedLineFields> = {}): RatedLineFields => ({
  azureSubscriptionId: "a",
  commerceMeterId: "m",
  resourceUri: "/r",
  usageDate: "2026-11-20",
  eventDate: "2026-11-20",
  localSubscriptionId: "s",
  localMeterId: "b0000000-0000-0000-0000-000000000000",
  mappedTenantId: null,
  unregisteredTenant: false,
  location: null,
  ...over,
});

const HOUR_1 = Date.parse("2026-11-20T01:00:00Z");
const HOUR_2 = Date.parse("2026-11-20T02:00:00Z");
const HOUR_3 = Date.parse("2026-11-20T03:00:00Z");

const quantityOf = (quantities: string[]) => {
  const accumulator = new RatedLineAccumulator();
  const line = accumulator.line("k", fields());
  for (const quantity of quantities) accumulator.add(line, null, quantity, 0, null);
  return accumulator.arrays()[10][0];
};

describe("rated line sums", () => {
  it("sums integers exactly, past the safe-integer range too", () => {
    expect(quantityOf(["1", "2", "3"])).toBe("6");
    expect(
      quantityOf([
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
        "999999999999999",
      ]),
    ).toBe("9999999999999990");
  });

  it("rounds each quantity to 10 decimals (half away from zero) before adding, as the column stores it", () => {
    expect(quantityOf(["0.00000000005", "0.00000000005"])).toBe("0.0000000002");
    expect(quantityOf(["1e-7", "2", "0.12345678901234"])).toBe("2.123456889");
  });

  it("keeps every digit of large fractional sums, as numeric does (beyond decimal.js's 20 significant digits)", () => {
    expect(quantityOf(["123456789012345.1234567891", "123456789012345.1234567891"])).toBe("246913578024690.2469135782");
    expect(quantityOf(["7", "0.5", "0.5", "3"])).toBe("11");
  });

  it("keeps the SQL's choices when records of one line differ: min local meter, max tenant and location, any unregistered", () => {
    const accumulator = new RatedLineAccumulator();
    const line = accumulator.line("k", fields({ localMeterId: "c0000000-0000-0000-0000-000000000000", location: "b" }));
    accumulator.line("k", fields({ localMeterId: "a0000000-0000-0000-0000-000000000000", mappedTenantId: "t", unregisteredTenant: true }));
    accumulator.add(line, "a", "1", HOUR_2, null);
    accumulator.add(line, "c", "1", HOUR_1, null);
    const arrays = accumulator.arrays();
    expect([arrays[6][0], arrays[7][0], arrays[8][0], arrays[9][0]]).toEqual(["a0000000-0000-0000-0000-000000000000", "t", true, "c"]);
  });

  it("keeps the earliest hour (EventDateTime) and the tags of the latest hour that had any", () => {
    const accumulator = new RatedLineAccumulator();
    const line = accumulator.line("k", fields());
    accumulator.add(line, null, "1", HOUR_2, { env: "prod" });
    accumulator.add(line, null, "1", HOUR_3, null);
    accumulator.add(line, null, "1", HOUR_1, { env: "old" });
    const arrays = accumulator.arrays();
    expect(arrays[11][0]).toBe("2026-11-20T01:00:00.000Z");
    expect(arrays[12][0]).toBe('{"env":"prod"}');
  });

  it("writes PostgreSQL array literals with every element quoted", () => {
    expect(arrayLiteral(["a", 'b "c"', "d\\e", "NULL", "{x,y}", null, true, false])).toBe('{"a","b \\"c\\"","d\\\\e","NULL","{x,y}",NULL,t,f}');
    expect(arrayLiteral([])).toBe("{}");
  });
});

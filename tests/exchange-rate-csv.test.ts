// The exchange-rate CSV's checks: every problem reported with its line (header = 1), column and code,
// nothing accepted from a file with any error; the documented shape (tests/fixtures/exchange-rates.csv)
// reads as is, with an Excel BOM, quoted cells and CRLF too.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExchangeRateCsv } from "../lib/currency/parse-exchange-rate-csv";

const FIXTURE = readFileSync(new URL("./fixtures/exchange-rates.csv", import.meta.url), "utf8");
const HEADER = "Month,PricingCurrency,BillingCurrency,Rate,RateDate";

describe("parseExchangeRateCsv", () => {
  it("reads the documented shape", () => {
    expect(parseExchangeRateCsv(FIXTURE)).toEqual({
      ok: true,
      rates: [
        { line: 2, month: "2026-10-01", pricingCurrency: "USD", billingCurrency: "EUR", rate: "0.9234", rateDate: "2026-09-30" },
        { line: 3, month: "2026-10-01", pricingCurrency: "USD", billingCurrency: "GBP", rate: "0.7712", rateDate: "2026-09-30" },
        { line: 4, month: "2026-11-01", pricingCurrency: "USD", billingCurrency: "EUR", rate: "0.9311", rateDate: "2026-10-31" },
      ],
    });
  });

  it("accepts a BOM, CRLF, quoted cells, lower-case codes, blank lines and no RateDate column (the month's first day)", () => {
    const csv = `\uFEFFMonth,PricingCurrency,BillingCurrency,Rate\r\n"2026-12","usd","eur","0.90"\r\n\r\n`;
    expect(parseExchangeRateCsv(csv)).toEqual({
      ok: true,
      rates: [{ line: 2, month: "2026-12-01", pricingCurrency: "USD", billingCurrency: "EUR", rate: "0.9", rateDate: "2026-12-01" }],
    });
  });

  it("names each bad line, field and code", () => {
    const csv = [
      HEADER,
      "2026-13,USD,EUR,0.9,", // 2: month
      "2026-10,USD,XXX,0.9,", // 3: unsupported billing currency
      "2026-10,USD,USD,1,", // 4: same currency
      "2026-10,USD,EUR,-0.9,", // 5: negative rate
      "2026-10,USD,EUR,0,", // 6: zero rate
      "2026-10,USD,EUR,1e3,", // 7: exponent
      "2026-10,USD,EUR,0.12345678901,", // 8: 11 decimals
      "2026-10,USD,GBP,0.77,2026-02-30", // 9: not a day
      "2026-10,USD,GBP,0.77,2026-11-01", // 10: after the month
      ",,,,", // 11: all required
      "2026-10,USD,CHF,0.8,", // 12: fine
      "2026-10,USD,CHF,0.81,", // 13: duplicate of 12
    ].join("\n");
    const result = parseExchangeRateCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, "Month", "InvalidMonth"],
      [3, "BillingCurrency", "UnsupportedCurrency"],
      [4, "BillingCurrency", "SameCurrency"],
      [5, "Rate", "InvalidRate"],
      [6, "Rate", "InvalidRate"],
      [7, "Rate", "InvalidRate"],
      [8, "Rate", "InvalidRate"],
      [9, "RateDate", "InvalidRateDate"],
      [10, "RateDate", "InvalidRateDate"],
      [11, "Month", "Required"],
      [11, "PricingCurrency", "Required"],
      [11, "BillingCurrency", "Required"],
      [11, "Rate", "Required"],
      [13, "Month", "Duplicate"],
    ]);
    expect(result.errors.find((e) => e.line === 13)?.message).toBe("USD→CHF for 2026-10 is already on line 12.");
  });

  it("refuses a missing column, an empty file, a malformed one and a huge one", () => {
    expect(parseExchangeRateCsv("Month,PricingCurrency,Rate\n2026-10,USD,0.9\n")).toMatchObject({
      ok: false,
      errors: [{ line: 1, field: "BillingCurrency", code: "MissingColumn" }],
    });
    expect(parseExchangeRateCsv(`${HEADER}\n`)).toMatchObject({ ok: false, errors: [{ line: 2, code: "Empty" }] });
    expect(parseExchangeRateCsv(`${HEADER}\n2026-10,USD,EUR,"0.9\n`)).toMatchObject({ ok: false, errors: [{ code: "Malformed" }] });
    expect(parseExchangeRateCsv(`${HEADER}\n2026-10,USD,EUR,0.9,2026-10-01,extra\n`)).toMatchObject({ ok: false, errors: [{ line: 2, code: "Malformed" }] });
    const huge = `${HEADER}\n${"2026-10,USD,EUR,0.9,\n".repeat(5001)}`;
    expect(parseExchangeRateCsv(huge)).toMatchObject({ ok: false, errors: [{ code: "TooManyRows" }] });
  });
});

// The registration token a stamp's Get-AzsRegistrationToken writes (base64 of a JSON object; see
// docs/registration-service.md): read back exactly, with one specific reason per way it can be wrong.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeRegistrationToken } from "../lib/registrations/decode-registration-token";
import { encodeRegistrationToken } from "../lib/registrations/encode-registration-token";

const content = () => ({
  CloudId: randomUUID(),
  ObjectId: randomUUID(),
  BillingModel: "PayAsYouUse" as const,
  UsageReportingEnabled: true,
  MarketplaceSyndicationEnabled: false,
  AgreementNumber: null,
});

const reasonOf = (token: string) => {
  try {
    decodeRegistrationToken(token);
  } catch (error) {
    return (error as { code: string; fields: Record<string, string> }).code + ": " + (error as { fields: Record<string, string> }).fields.registrationToken;
  }
  return "accepted";
};

describe("registration tokens", () => {
  it("round-trips, lower-casing GUIDs, ignoring white space, base64url and fields it doesn't use", () => {
    const values = content();
    const token = encodeRegistrationToken({ ...values, CloudId: values.CloudId.toUpperCase() });
    expect(decodeRegistrationToken(token)).toEqual(values);
    expect(decodeRegistrationToken(` ${token.replace(/(.{40})/g, "$1\r\n")} `)).toEqual(values);
    const urlSafe = Buffer.from(JSON.stringify({ ...values, IssueDate: "2026-12-07", Version: "1.0" })).toString("base64url");
    expect(decodeRegistrationToken(urlSafe)).toEqual(values);
  });

  it("says what is wrong with each bad token", () => {
    const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
    expect(reasonOf("")).toMatch(/InvalidRegistrationToken: it is empty/);
    expect(reasonOf("not base64!")).toMatch(/not base64 text/);
    expect(reasonOf(encodeRegistrationToken(content()).slice(0, 30))).toMatch(/cut short/);
    expect(reasonOf(base64([1, 2]))).toMatch(/does not decode to the stamp's registration details/);
    expect(reasonOf(base64({ ...content(), CloudId: undefined }))).toMatch(/CloudId is required/);
    expect(reasonOf(base64({ ...content(), ObjectId: "nope" }))).toMatch(/ObjectId must be a GUID/);
    expect(reasonOf(base64({ ...content(), BillingModel: "Free" }))).toMatch(/BillingModel must be PayAsYouUse, Capacity or Development/);
    expect(reasonOf(base64({ ...content(), BillingModel: "Development" }))).toMatch(/Development/);
    expect(reasonOf(base64({ ...content(), BillingModel: "Capacity", UsageReportingEnabled: false }))).toMatch(/AgreementNumber/);
    expect(reasonOf("A".repeat(20_000))).toMatch(/longer than/);
  });
});

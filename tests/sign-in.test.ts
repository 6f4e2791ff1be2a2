import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makePartner, makeUser, TEST_PASSWORD } from "./support/factories";
import { SIGN_IN_ERRORS, SignInError, verifyCredentials } from "../lib/auth/verify-credentials";
import { SIGN_IN_MAX_FAILURES } from "../lib/auth/sign-in-rate-limit";
import type { Database } from "../lib/database/open-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("verifyCredentials", () => {
  it("signs in with the right password, case-insensitive email", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    const signedIn = await verifyCredentials(database.prisma, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: "10.0.0.1",
    });
    expect(signedIn).toMatchObject({ id: user.id, role: "ADMIN_AGENT", partnerId: partner.id });
  });

  it("rejects a wrong password and an unknown email with the same message", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "SALES_AGENT" });
    await expect(verifyCredentials(database.prisma, { email: user.email, password: "nope", ip: "1" })).rejects.toThrow(
      SIGN_IN_ERRORS.invalid,
    );
    await expect(
      verifyCredentials(database.prisma, { email: "ghost@test.example", password: "nope", ip: "1" }),
    ).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("rate-limits failures per email+IP with a clear message, other IPs unaffected", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "BILLING_ADMIN" });
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      await expect(verifyCredentials(database.prisma, { email: user.email, password: "bad", ip: "203.0.113.9" })).rejects.toThrow(
        SignInError,
      );
    }
    // Even the right password is refused while limited.
    await expect(
      verifyCredentials(database.prisma, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.9" }),
    ).rejects.toThrow(/Too many failed sign-in attempts .* Try again in \d+ minutes?\./);
    // Another network is not blocked.
    await expect(
      verifyCredentials(database.prisma, { email: user.email, password: TEST_PASSWORD, ip: "198.51.100.7" }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("refuses deactivated users and users of suspended partners", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT", active: false });
    await expect(verifyCredentials(database.prisma, { email: user.email, password: TEST_PASSWORD, ip: "1" })).rejects.toThrow(
      SIGN_IN_ERRORS.inactive,
    );
    const suspended = await makePartner(database.prisma, { status: "SUSPENDED" });
    const other = await makeUser(database.prisma, { partnerId: suspended.id, role: "ADMIN_AGENT" });
    await expect(verifyCredentials(database.prisma, { email: other.email, password: TEST_PASSWORD, ip: "1" })).rejects.toThrow(
      SIGN_IN_ERRORS.partnerSuspended,
    );
  });
});

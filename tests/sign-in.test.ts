import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./support/test-database";
import { makePartner, makeUser, TEST_PASSWORD } from "./support/factories";
import { SIGN_IN_ERRORS, SignInError, verifyCredentials } from "../lib/auth/verify-credentials";
import { SIGN_IN_THROTTLE_RULES, throttleDelaySeconds } from "../lib/auth/sign-in-throttle-policy";
import type { Database } from "../lib/database/open-database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const RATE_LIMITED = /^Too many failed sign-in attempts\. Try again in (\d+) seconds?\.$/;
const ACCOUNT_IP_FREE = SIGN_IN_THROTTLE_RULES["account-ip"].freeAttempts;

async function attempt(email: string, password: string, ip: string): Promise<"ok" | "invalid" | number | string> {
  try {
    await verifyCredentials(database.prisma, { email, password, ip });
    return "ok";
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    if (error.message === SIGN_IN_ERRORS.invalid) return "invalid";
    const limited = RATE_LIMITED.exec(error.message);
    return limited ? Number(limited[1]) : error.message;
  }
}

/** Lets a key's current delay run out, as if its time had passed. */
async function expireDelays(): Promise<void> {
  await database.prisma.signInThrottle.updateMany({ data: { blockedUntil: new Date(Date.now() - 1000) } });
}

async function partnerUser() {
  const partner = await makePartner(database.prisma);
  return makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
}

describe("verifyCredentials", () => {
  it("signs in with the right password, case-insensitive email", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT" });
    const signedIn = await verifyCredentials(database.prisma, {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: "10.0.0.1",
    });
    expect(signedIn).toMatchObject({ id: user.id, role: "ADMIN_AGENT", partnerId: partner.id, sessionVersion: 0 });
  });

  it("rejects a wrong password and an unknown email with the same message", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "SALES_AGENT" });
    await expect(verifyCredentials(database.prisma, { email: user.email, password: "nope", ip: "1" })).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(verifyCredentials(database.prisma, { email: "ghost@test.example", password: "nope", ip: "1" })).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("refuses deactivated users and users of suspended partners", async () => {
    const partner = await makePartner(database.prisma);
    const user = await makeUser(database.prisma, { partnerId: partner.id, role: "ADMIN_AGENT", active: false });
    await expect(verifyCredentials(database.prisma, { email: user.email, password: TEST_PASSWORD, ip: "1" })).rejects.toThrow(SIGN_IN_ERRORS.inactive);
    const suspended = await makePartner(database.prisma, { status: "SUSPENDED" });
    const other = await makeUser(database.prisma, { partnerId: suspended.id, role: "ADMIN_AGENT" });
    await expect(verifyCredentials(database.prisma, { email: other.email, password: TEST_PASSWORD, ip: "1" })).rejects.toThrow(SIGN_IN_ERRORS.partnerSuspended);
  });
});

describe("sign-in throttling", () => {
  it("slows one address down with a growing delay instead of locking the account", async () => {
    const user = await partnerUser();
    for (let i = 0; i < ACCOUNT_IP_FREE; i++) expect(await attempt(user.email, "bad", "203.0.113.9")).toBe("invalid");
    // Even the right password waits, and says how long.
    expect(await attempt(user.email, TEST_PASSWORD, "203.0.113.9")).toBe(30);
    await expireDelays();
    expect(await attempt(user.email, "bad", "203.0.113.9")).toBe("invalid");
    expect(await attempt(user.email, "bad", "203.0.113.9")).toBe(60);
    await expireDelays();
    expect(await attempt(user.email, "bad", "203.0.113.9")).toBe("invalid");
    expect(await attempt(user.email, "bad", "203.0.113.9")).toBe(120);
    // Meanwhile the owner signs in from elsewhere at once.
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.7")).toBe("ok");
    // And once the wait is over, the right password from the slowed address works and starts it over.
    await expireDelays();
    expect(await attempt(user.email, TEST_PASSWORD, "203.0.113.9")).toBe("ok");
    expect(await attempt(user.email, "bad", "203.0.113.9")).toBe("invalid");
  });

  it("counts a burst of 20 parallel wrong attempts: only the allowance is checked", async () => {
    const user = await partnerUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(user.email, "bad", "192.0.2.50")));
    expect(results.filter((result) => result === "invalid")).toHaveLength(ACCOUNT_IP_FREE);
    expect(results.filter((result) => typeof result === "number")).toHaveLength(20 - ACCOUNT_IP_FREE);
  });

  it("a stranger's failures don't keep the owner from signing in from elsewhere", async () => {
    const user = await partnerUser();
    const stranger = await Promise.all(Array.from({ length: 30 }, () => attempt(user.email, "guess", "192.0.2.66")));
    expect(stranger.filter((result) => result === "invalid").length).toBeLessThanOrEqual(ACCOUNT_IP_FREE);
    expect(await attempt(user.email, TEST_PASSWORD, "198.51.100.20")).toBe("ok");
  });

  it("limits one address trying many accounts", async () => {
    const ipRule = SIGN_IN_THROTTLE_RULES.ip;
    const ip = "192.0.2.77";
    const results: (string | number)[] = [];
    for (let i = 0; i < ipRule.freeAttempts + 1; i++) results.push(await attempt(`spray-${i}@nowhere.example`, "Winter2026!", ip));
    expect(results.slice(0, ipRule.freeAttempts).every((result) => result === "invalid")).toBe(true);
    // The delay started when the previous attempt was settled: the seconds since then (a busy
    // machine hashing passwords) are already off it.
    expect(results[ipRule.freeAttempts]).toBeLessThanOrEqual(ipRule.baseDelaySeconds);
    expect(results[ipRule.freeAttempts]).toBeGreaterThan(ipRule.baseDelaySeconds - 10);
    // A colleague behind another address is unaffected.
    const user = await partnerUser();
    expect(await attempt(user.email, TEST_PASSWORD, "192.0.2.78")).toBe("ok");
    // Fifty-one sign-ins, each paying the full password-hash cost (unknown users too): slow on a loaded machine.
  }, 180_000);

  it("slows guessing spread over many addresses only briefly per attempt", async () => {
    const user = await partnerUser();
    const rule = SIGN_IN_THROTTLE_RULES.account;
    for (let i = 0; i < rule.freeAttempts; i++) expect(await attempt(user.email, "bad", `198.18.0.${i + 1}`)).toBe("invalid");
    const wait = await attempt(user.email, "bad", "198.18.1.1");
    expect(wait).toBe(rule.baseDelaySeconds);
    expect(rule.maxDelaySeconds).toBeLessThanOrEqual(30);
  });

  it("a correct password gives back its attempt on the shared keys", async () => {
    const ip = "192.0.2.99";
    const users = await Promise.all(Array.from({ length: SIGN_IN_THROTTLE_RULES.ip.freeAttempts + 3 }, () => partnerUser()));
    for (const user of users) expect(await attempt(user.email, TEST_PASSWORD, ip)).toBe("ok");
  });

  it("delays double from the allowance up to the cap", () => {
    expect(throttleDelaySeconds("account-ip", ACCOUNT_IP_FREE - 1)).toBe(0);
    expect(throttleDelaySeconds("account-ip", ACCOUNT_IP_FREE)).toBe(30);
    expect(throttleDelaySeconds("account-ip", ACCOUNT_IP_FREE + 3)).toBe(240);
    expect(throttleDelaySeconds("account-ip", 10_000)).toBe(15 * 60);
    expect(throttleDelaySeconds("account", 10_000)).toBe(30);
  });
});

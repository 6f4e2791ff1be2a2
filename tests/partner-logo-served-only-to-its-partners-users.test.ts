// A partner's logo: set by its admin agent (PNG, SVG or JPEG by their bytes, at most 100 KB, audited),
// served by /api/partner-logo to the partner's own users and its customers' readers only — the route
// takes no id, so another partner's logo is unreachable; a partner without one answers 404.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testSession } from "./support/mock-session";
import { withTestWorld } from "./support/with-test-world";
import type { World } from "./support/world";
import type { Database } from "../lib/database/open-database";
import { makeCustomerReader } from "./support/customer-reader-fixtures";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("../lib/auth/get-scope", async () => (await import("./support/mock-session")).mockGetScopeModule());

const { setPartnerLogoAction, removePartnerLogoAction } = await import("../lib/partners/actions");
const { GET: logoRoute } = await import("../app/api/partner-logo/route");

let database: Database;
let world: World;
withTestWorld((context) => ({ database, world } = context));
beforeEach(() => {
  testSession.scope = null;
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("rest-of-a-png")]);
const SVG = Buffer.from('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');

describe("setting the logo", () => {
  it("an admin agent sets a PNG, audited with its size and hash; its users and its customers' readers get it", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    const saved = await setPartnerLogoAction({ contentType: "image/png", dataBase64: PNG.toString("base64") });
    expect(saved).toMatchObject({ ok: true, data: { contentType: "image/png", bytes: PNG.length } });
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "partner.setLogo", partnerId: world.partners.direct.id } });
    expect(event.after).toMatchObject({ contentType: "image/png", bytes: PNG.length });
    for (const scope of [await world.scope("direct", "SALES_AGENT"), (await makeCustomerReader(database.prisma, world, "direct")).scope]) {
      testSession.scope = scope;
      const response = await logoRoute();
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
    }
  });

  it("another partner's users and readers never get it: 404 without their own logo", async () => {
    for (const scope of [await world.scope("otherDirect", "ADMIN_AGENT"), (await makeCustomerReader(database.prisma, world, "otherDirect")).scope]) {
      testSession.scope = scope;
      expect((await logoRoute()).status).toBe(404);
    }
  });

  it("an SVG is served with a CSP that runs nothing", async () => {
    testSession.scope = await world.scope("resellerA", "ADMIN_AGENT");
    expect(await setPartnerLogoAction({ contentType: "image/svg+xml", dataBase64: SVG.toString("base64") })).toMatchObject({ ok: true });
    const response = await logoRoute();
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a file that isn't what it claims, a non-image, a too large one, and anyone but an admin agent", async () => {
    testSession.scope = await world.scope("resellerB", "ADMIN_AGENT");
    expect(await setPartnerLogoAction({ contentType: "image/jpeg", dataBase64: PNG.toString("base64") })).toMatchObject({
      ok: false,
      error: { code: "InvalidLogo", fields: { logo: expect.stringContaining("image/png") } },
    });
    expect(await setPartnerLogoAction({ contentType: "image/png", dataBase64: Buffer.from("<html></html>").toString("base64") })).toMatchObject({
      ok: false,
      error: { code: "InvalidLogo" },
    });
    const big = Buffer.concat([PNG, Buffer.alloc(100 * 1024)]).toString("base64");
    expect(await setPartnerLogoAction({ contentType: "image/png", dataBase64: big })).toMatchObject({ ok: false, error: { code: "ValidationFailed" } });
    expect(await setPartnerLogoAction({ contentType: "image/gif", dataBase64: "R0lGOD" })).toMatchObject({ ok: false, error: { code: "ValidationFailed" } });
    testSession.scope = await world.scope("resellerB", "BILLING_ADMIN");
    expect(await setPartnerLogoAction({ contentType: "image/png", dataBase64: PNG.toString("base64") })).toMatchObject({
      ok: false,
      error: { code: "Forbidden" },
    });
    testSession.scope = (await makeCustomerReader(database.prisma, world, "resellerB")).scope;
    expect(await setPartnerLogoAction({ contentType: "image/png", dataBase64: PNG.toString("base64") })).toMatchObject({
      ok: false,
      error: { code: "NotFound" },
    });
    expect(await database.prisma.partnerLogo.count({ where: { partnerId: world.partners.resellerB.id } })).toBe(0);
  });

  it("removing it is audited, and the route answers 404 again", async () => {
    testSession.scope = await world.scope("direct", "ADMIN_AGENT");
    expect(await removePartnerLogoAction({})).toMatchObject({ ok: true });
    expect((await logoRoute()).status).toBe(404);
    expect(await removePartnerLogoAction({})).toMatchObject({ ok: false, error: { code: "NotFound" } });
  });
});

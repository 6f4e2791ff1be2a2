// The simulated stamp signs callers in the way Azure Stack Hub does, and Microsoft's own
// @azure/identity gets tokens from it: client secret and certificate, Microsoft Entra ID style
// and AD FS style (tenant "adfs"), over TLS with the stamp's own CA, trusted for that stamp only.
import { randomUUID } from "node:crypto";
import { get as httpsGet } from "node:https";
import { ClientCertificateCredential, ClientSecretCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "selfsigned";
import { createStampIdentity, type IdentitySystem } from "../lib/stamp-simulator/stamp-identity";
import { createStampCertificate, type StampCertificate } from "../lib/stamp-simulator/stamp-certificate";
import { serveHandler, type RunningServer } from "../lib/stamp-simulator/http-server";

const AUDIENCE = `https://adminmanagement.local.azurestack.external/${randomUUID()}`;
const TENANT = randomUUID();
const CLIENT = randomUUID();
const SECRET = "s3cret-value";

let tls: StampCertificate;
let client: { cert: string; key: string };
const servers: Record<IdentitySystem, RunningServer> = {} as Record<IdentitySystem, RunningServer>;

beforeAll(async () => {
  tls = await createStampCertificate();
  const generated = await generate([{ name: "commonName", value: "stackcenter-collector" }], { keySize: 2048 });
  client = { cert: generated.cert, key: generated.private };
  for (const system of ["entra", "adfs"] as const) {
    const identity = await createStampIdentity({
      system,
      tenantId: TENANT,
      audience: AUDIENCE,
      clients: [{ clientId: CLIENT, secret: SECRET, certificatePem: client.cert }],
    });
    servers[system] = await serveHandler(
      async (request) => {
        const url = new URL(request.url);
        const answered = await identity.handle(request, url);
        if (answered) return answered;
        return (await identity.refuseUnauthenticated(request, url.origin)) ?? Response.json({ value: [] });
      },
      0,
      "127.0.0.1",
      { cert: tls.cert, key: tls.key },
    );
  }
});
afterAll(async () => {
  for (const server of Object.values(servers)) await server.close();
});

/** GET over TLS trusting the stamp's CA only (Node's fetch has no per-request CA). */
function getOverStampTls(url: string, bearer?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpsGet(url, { ca: tls.caPem, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
    });
    request.on("error", reject);
  });
}

const tenantOf = (system: IdentitySystem) => (system === "adfs" ? "adfs" : TENANT);
const options = (system: IdentitySystem) => ({ authorityHost: servers[system].url, disableInstanceDiscovery: true, tlsOptions: { ca: tls.caPem } });

describe.each(["entra", "adfs"] as const)("the stamp's sign-in (%s)", (system) => {
  it("serves ARM metadata naming the login endpoint and the audience", async () => {
    const { status, body } = await getOverStampTls(`${servers[system].url}/metadata/endpoints?api-version=2015-01-01`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      authentication: { loginEndpoint: system === "adfs" ? `${servers[system].url}/adfs` : `${servers[system].url}/`, audiences: [AUDIENCE] },
    });
  });

  it("gives @azure/identity a token for a client secret, which the stamp's ARM accepts (and ARM refuses a call without one)", async () => {
    const credential = new ClientSecretCredential(tenantOf(system), CLIENT, SECRET, options(system));
    const token = await credential.getToken(`${AUDIENCE}/.default`);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    const usage = `${servers[system].url}/subscriptions/x/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates`;
    expect(await getOverStampTls(usage, token.token)).toMatchObject({ status: 200 });
    expect(await getOverStampTls(usage)).toMatchObject({ status: 401, body: { error: { code: "AuthenticationFailed" } } });
    expect(await getOverStampTls(usage, `${token.token}x`)).toMatchObject({ status: 401, body: { error: { code: "InvalidAuthenticationToken" } } });
  });

  it("gives @azure/identity a token for a certificate (signed client assertion)", async () => {
    const credential = new ClientCertificateCredential(tenantOf(system), CLIENT, { certificate: `${client.key}\n${client.cert}` }, options(system));
    const token = await credential.getToken(`${AUDIENCE}/.default`);
    expect(token.token.split(".")).toHaveLength(3);
  });

  it("refuses a wrong secret with the identity provider's own error code", async () => {
    const credential = new ClientSecretCredential(tenantOf(system), CLIENT, "wrong", options(system));
    await expect(credential.getToken(`${AUDIENCE}/.default`)).rejects.toThrow(system === "adfs" ? /MSIS9609/ : /AADSTS7000215/);
  });
});

describe("the collector signed in to a stamp", () => {
  it("reads the metadata, gets a token through @azure/identity and pulls usage over the stamp's TLS; a wrong secret fails with the provider's code", async () => {
    const { buildWorld, createStampApi, guidFor, syntheticTenants } = await import("../lib/stamp-simulator");
    const { readStampEndpoints, stampTokenSource, stampTransport, authenticatedFetch, createStampClient, DEFAULT_RETRY } =
      await import("../lib/usage-collector");
    const providerSubscriptionId = guidFor("signed-in:provider");
    const world = buildWorld({
      seed: "signed-in",
      providerSubscriptionId,
      operatorTenantId: guidFor("op"),
      tenants: syntheticTenants("signed-in", 2),
      days: 2,
      anchor: new Date("2026-11-20T00:00:00Z"),
    });
    for (const system of ["entra", "adfs"] as const) {
      const identity = await createStampIdentity({ system, tenantId: TENANT, audience: AUDIENCE, clients: [{ clientId: CLIENT, secret: SECRET }] });
      const stamp = await serveHandler(createStampApi({ world, identity, now: () => new Date("2026-11-20T00:00:00Z") }), 0, "127.0.0.1", {
        cert: tls.cert,
        key: tls.key,
      });
      try {
        const transport = stampTransport(tls.caPem);
        const endpoints = await readStampEndpoints(stamp.url, transport);
        expect(endpoints.audience).toBe(AUDIENCE);
        const principal = { tenantId: system === "adfs" ? "adfs" : TENANT, clientId: CLIENT, secret: SECRET };
        const client = createStampClient({
          stampUrl: stamp.url,
          providerSubscriptionId,
          fetch: authenticatedFetch(transport, stampTokenSource(endpoints, principal, tls.caPem)),
          retry: DEFAULT_RETRY,
          sleep: async () => undefined,
        });
        expect((await client.localSubscriptions()).length).toBeGreaterThan(1);
        const records = await client.usageWindow(new Date("2026-11-19T00:00:00Z"), new Date("2026-11-19T06:00:00Z"));
        expect(records.length).toBeGreaterThan(0);
        const wrong = createStampClient({
          stampUrl: stamp.url,
          providerSubscriptionId,
          fetch: authenticatedFetch(transport, stampTokenSource(endpoints, { ...principal, secret: "wrong" }, tls.caPem)),
          retry: DEFAULT_RETRY,
          sleep: async () => undefined,
        });
        await expect(wrong.localSubscriptions()).rejects.toThrow(system === "adfs" ? /MSIS9609/ : /AADSTS7000215/);
      } finally {
        await stamp.close();
      }
    }
  });
});

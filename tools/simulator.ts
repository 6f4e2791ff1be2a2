// A simulated Azure Stack Hub stamp's provider usage API on 127.0.0.1 (see lib/stamp-simulator).
//   npm run simulator -- [--port 4600] [--seed demo] [--days 14] [--tenants 5 | --tenant-ids id,id]
//                        [--demo-registration northwind-chicago] [--provider-subscription <guid>]
//                        [--vms 3] [--fail-rate 0.1] [--late-rate 0.04]
//                        [--billing-model PayAsYouUse|Capacity] [--agreement-number AZS-CAP-1]
//                        [--identity entra|adfs [--client-id <id>] [--client-secret <secret>]] [--tls <CA pem file to write>]
// --identity makes it answer only signed-in callers, as a real stamp does (ARM metadata, an
// Entra-style or AD FS-style token endpoint); --tls serves HTTPS with a CA of its own, written out
// for the portal's stamp connection or the collector's --ca.
// It prints the stamp's registration token (what Get-AzsRegistrationToken gives on a real stamp's
// privileged endpoint): paste it on the portal's "Register a stamp" page.
// --demo-registration uses the demo registration's customer tenants (+ unregistered ones) and its
// provider subscription, as the demo seed does, so a collector can feed the running demo portal.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createStampIdentity } from "../lib/stamp-simulator/stamp-identity";
import { createStampCertificate } from "../lib/stamp-simulator/stamp-certificate";
import { buildWorld, createStampApi, guidFor, stampRegistrationToken, syntheticTenants, type SimulatorTenant } from "../lib/stamp-simulator";
import { serveHandler } from "../lib/stamp-simulator/http-server";

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4600" },
      seed: { type: "string", default: "stackcenter" },
      days: { type: "string", default: "14" },
      tenants: { type: "string", default: "5" },
      "tenant-ids": { type: "string" },
      "demo-registration": { type: "string" },
      "provider-subscription": { type: "string" },
      vms: { type: "string", default: "3" },
      "fail-rate": { type: "string", default: "0" },
      "late-rate": { type: "string", default: "0.04" },
      "billing-model": { type: "string", default: "PayAsYouUse" },
      "agreement-number": { type: "string" },
      identity: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      tls: { type: "string" },
    },
  });
  let tenants: SimulatorTenant[] = syntheticTenants(values.seed, Number(values.tenants));
  let providerSubscriptionId = values["provider-subscription"] ?? guidFor(`${values.seed}:provider`);
  let stamp: { cloudId?: string; objectId?: string } = {};
  if (values["tenant-ids"]) {
    tenants = values["tenant-ids"].split(",").map((tenantId, index) => ({ tenantId: tenantId.trim(), displayName: `Tenant ${index + 1}` }));
  }
  if (values["demo-registration"]) {
    const { demoStampTenants, demoProviderSubscriptionId } = await import("../prisma/seed/usage-history-demo");
    tenants = demoStampTenants(values["demo-registration"]);
    providerSubscriptionId = values["provider-subscription"] ?? demoProviderSubscriptionId(values["demo-registration"]);
    const { DEMO_REGISTRATIONS } = await import("../prisma/seed/registrations-demo");
    const demo = DEMO_REGISTRATIONS.find((registration) => registration.key === values["demo-registration"]);
    if (demo) stamp = { cloudId: demo.cloudDeploymentId, objectId: demo.objectId };
  }
  const billingModel = values["billing-model"];
  if (billingModel !== "PayAsYouUse" && billingModel !== "Capacity") throw new Error("--billing-model is PayAsYouUse or Capacity");
  const world = buildWorld({
    seed: values.seed,
    providerSubscriptionId,
    operatorTenantId: guidFor(`${values.seed}:operator`),
    tenants,
    days: Number(values.days),
    anchor: new Date(),
    vmsPerSubscription: Number(values.vms),
    lateDayRate: Number(values["late-rate"]),
    failRate: Number(values["fail-rate"]),
  });
  const system = values.identity;
  if (system !== undefined && system !== "entra" && system !== "adfs") throw new Error("--identity is entra or adfs");
  const tenantId = guidFor(`${values.seed}:directory`);
  const clientId = values["client-id"] ?? guidFor(`${values.seed}:collector-app`);
  const clientSecret = values["client-secret"] ?? `sim-${guidFor(`${values.seed}:collector-secret`)}`;
  const audience = `https://adminmanagement.local.azurestack.external/${guidFor(`${values.seed}:audience`)}`;
  const identity = system ? await createStampIdentity({ system, tenantId, audience, clients: [{ clientId, secret: clientSecret }] }) : undefined;
  const certificate = values.tls ? await createStampCertificate() : undefined;
  if (certificate && values.tls) writeFileSync(values.tls, certificate.caPem);
  const running = await serveHandler(createStampApi({ world, identity }), Number(values.port), "127.0.0.1", certificate);
  console.log(`stamp simulator on ${running.url}`);
  console.log(`  provider subscription ${providerSubscriptionId}; ${world.subscriptions.length} local subscriptions, ${world.resources.length} resources`);
  console.log(`  usage from ${new Date(world.usageStart).toISOString()}`);
  if (certificate) console.log(`  HTTPS with its own CA, written to ${values.tls}`);
  if (system) console.log(`  sign-in (${system}): tenant ${system === "adfs" ? "adfs" : tenantId}, client id ${clientId}, client secret ${clientSecret}`);
  const token = stampRegistrationToken({ seed: values.seed, ...stamp, billingModel, agreementNumber: values["agreement-number"] });
  console.log(`  registration token (Get-AzsRegistrationToken; paste it on "Register a stamp"):\n${token}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

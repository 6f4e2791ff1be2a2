// A simulated Azure Stack Hub stamp's provider usage API on 127.0.0.1 (see lib/stamp-simulator).
//   npm run simulator -- [--port 4600] [--seed demo] [--days 14] [--tenants 5 | --tenant-ids id,id]
//                        [--demo-registration northwind-chicago] [--provider-subscription <guid>]
//                        [--vms 3] [--fail-rate 0.1] [--late-rate 0.04]
//                        [--billing-model PayAsYouUse|Capacity] [--agreement-number AZS-CAP-1]
// It prints the stamp's registration token (what Get-AzsRegistrationToken gives on a real stamp's
// privileged endpoint): paste it on the portal's "Register a stamp" page.
// --demo-registration uses the demo registration's customer tenants (+ unregistered ones) and its
// provider subscription, as the demo seed does, so a collector can feed the running demo portal.
import { parseArgs } from "node:util";
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
  const running = await serveHandler(createStampApi({ world }), Number(values.port));
  console.log(`stamp simulator on ${running.url}`);
  console.log(`  provider subscription ${providerSubscriptionId}; ${world.subscriptions.length} local subscriptions, ${world.resources.length} resources`);
  console.log(`  usage from ${new Date(world.usageStart).toISOString()}`);
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

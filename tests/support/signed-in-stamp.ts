// A simulated Azure Stack Hub that signs callers in (Entra or AD FS) and serves HTTPS with its own
// CA, on 127.0.0.1: what the stamp connection and collection tests (Vitest and Playwright) talk to.
import { randomUUID } from "node:crypto";
import { buildWorld, createStampApi, guidFor, syntheticTenants, type SimulatorTenant, type StampWorld } from "../../lib/stamp-simulator";
import { createStampIdentity, type IdentitySystem, type StampClient } from "../../lib/stamp-simulator/stamp-identity";
import { createStampCertificate } from "../../lib/stamp-simulator/stamp-certificate";
import { serveHandler, type RunningServer } from "../../lib/stamp-simulator/http-server";

export interface SignedInStampOptions {
  seed: string;
  system: IdentitySystem;
  /** The directory tenant (Entra); AD FS answers as "adfs". */
  tenantId?: string;
  clients: StampClient[];
  providerSubscriptionId: string;
  tenants?: SimulatorTenant[];
  days?: number;
}

export async function startSignedInStamp(options: SignedInStampOptions): Promise<{ stamp: RunningServer; caPem: string; world: StampWorld }> {
  const certificate = await createStampCertificate();
  const identity = await createStampIdentity({
    system: options.system,
    tenantId: options.tenantId ?? "adfs",
    audience: `https://adminmanagement.local.azurestack.external/${randomUUID()}`,
    clients: options.clients,
  });
  const world = buildWorld({
    seed: options.seed,
    providerSubscriptionId: options.providerSubscriptionId,
    operatorTenantId: guidFor(`${options.seed}:operator`),
    tenants: options.tenants ?? syntheticTenants(options.seed, 2),
    days: options.days ?? 2,
    anchor: new Date(),
  });
  const stamp = await serveHandler(createStampApi({ world, identity }), 0, "127.0.0.1", certificate);
  return { stamp, caPem: certificate.caPem, world };
}

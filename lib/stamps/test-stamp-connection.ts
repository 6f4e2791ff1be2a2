import "server-only";
import { getPrisma } from "../db";
import { assertScopeCan, type PartnerScope } from "../auth/partner-scope";
import { notFound } from "../errors";
import { findRegistrationById } from "../registrations/find-registration";
import { authenticatedFetch, createStampClient, DEFAULT_RETRY, readStampEndpoints, stampTokenSource, stampTransport } from "../usage-collector";
import { openSecret } from "./secret-box";

export interface ConnectionStep {
  step: "metadata" | "token" | "usage";
  ok: boolean;
  detail: string;
}

const HOUR_MS = 3_600_000;

/** Why a step failed, in the words of what failed (DNS, TLS, the identity provider's code, ARM's). */
function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  const code = typeof error === "object" && error !== null && "code" in error ? ` [${String((error as { code: unknown }).code)}]` : "";
  return `${error instanceof Error ? error.message : String(error)}${code}${cause}`.slice(0, 600);
}

/**
 * Tries a registration's stamp connection the way collection uses it, step by step: the ARM
 * metadata, a token from the stamp's identity provider, and one hour of usage. Stops at the first
 * failure. Reads only: it changes nothing, so it writes no audit event.
 */
export async function testStampConnection(scope: PartnerScope, registrationId: string): Promise<ConnectionStep[]> {
  assertScopeCan(scope, "registrations:write");
  const registration = await findRegistrationById(scope, registrationId, { forWrite: true });
  const prisma = await getPrisma();
  const connection = await prisma.stampConnection.findUnique({ where: { registrationId: registration.id } });
  if (!connection) throw notFound("Stamp connection");
  const steps: ConnectionStep[] = [];
  const caPem = connection.caCertificatePem ?? undefined;
  const transport = stampTransport(caPem);
  let endpoints;
  try {
    endpoints = await readStampEndpoints(connection.armEndpoint, transport);
    steps.push({ step: "metadata", ok: true, detail: `Sign-in at ${endpoints.loginEndpoint} for ${endpoints.audience}` });
  } catch (error) {
    return [...steps, { step: "metadata", ok: false, detail: describe(error) }];
  }
  const credential = openSecret(connection.credentialCiphertext);
  const tokens = stampTokenSource(
    endpoints,
    {
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      ...(connection.credentialKind === "certificate" ? { certificatePem: credential } : { secret: credential }),
    },
    caPem,
  );
  try {
    await tokens.token(true);
    steps.push({ step: "token", ok: true, detail: `A token for service principal ${connection.clientId}` });
  } catch (error) {
    return [...steps, { step: "token", ok: false, detail: describe(error) }];
  }
  try {
    const client = createStampClient({
      stampUrl: connection.armEndpoint,
      providerSubscriptionId: connection.providerSubscriptionId,
      fetch: authenticatedFetch(transport, tokens),
      retry: { ...DEFAULT_RETRY, maxAttempts: 1 },
      sleep: async () => undefined,
    });
    const end = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
    const records = await client.usageWindow(new Date(end.getTime() - HOUR_MS), end);
    steps.push({ step: "usage", ok: true, detail: `${records.length} usage record${records.length === 1 ? "" : "s"} reported in the last full hour` });
  } catch (error) {
    steps.push({ step: "usage", ok: false, detail: describe(error) });
  }
  return steps;
}

// Signs in to a stamp's admin Resource Manager as Microsoft's clients do: read the ARM metadata
// endpoint for the login endpoint and the audience, then get tokens from the stamp's identity
// system (Microsoft Entra ID, or AD FS for disconnected stamps: tenant "adfs") with the OAuth 2.0
// client-credentials grant through @azure/identity, for a service principal's secret or
// certificate. @azure/identity caches and refreshes the tokens. No "server-only": the CLI runs it.
import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from "@azure/identity";
import type { FetchLike } from "./stamp-client";
import type { AccessTokenSource } from "./stamp-fetch";

export interface StampServicePrincipal {
  /** The directory tenant id (Entra), or "adfs". */
  tenantId: string;
  clientId: string;
  secret?: string;
  /** PEM holding the certificate and its private key. */
  certificatePem?: string;
}

export interface StampEndpoints {
  loginEndpoint: string;
  audience: string;
}

export class StampMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StampMetadataError";
  }
}

/** GET {arm}/metadata/endpoints?api-version=2015-01-01 → the login endpoint and the ARM audience. */
export async function readStampEndpoints(armUrl: string, transport: FetchLike): Promise<StampEndpoints> {
  const url = `${armUrl.replace(/\/+$/, "")}/metadata/endpoints?api-version=2015-01-01`;
  const response = await transport(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new StampMetadataError(`The stamp's metadata endpoint answered ${response.status} (${url}).`);
  const body = (await response.json().catch(() => null)) as { authentication?: { loginEndpoint?: string; audiences?: string[] } } | null;
  const loginEndpoint = body?.authentication?.loginEndpoint;
  const audience = body?.authentication?.audiences?.[0];
  if (!loginEndpoint || !audience) throw new StampMetadataError("The stamp's metadata has no authentication.loginEndpoint or audiences.");
  return { loginEndpoint, audience };
}

/** A token source for the stamp's audience, through @azure/identity (trusting `caPem` for the identity provider too). */
export function stampTokenSource(endpoints: StampEndpoints, principal: StampServicePrincipal, caPem?: string): AccessTokenSource {
  const login = new URL(endpoints.loginEndpoint);
  const adfs = principal.tenantId.toLowerCase() === "adfs" || /\/adfs\/?$/i.test(login.pathname);
  const options = {
    // AD FS's authority is {host}/adfs; Entra's is {host}/{tenant}.
    authorityHost: adfs ? login.origin : endpoints.loginEndpoint.replace(/\/+$/, ""),
    // A stamp's identity provider is not in Microsoft's public instance list.
    disableInstanceDiscovery: true,
    ...(caPem ? { tlsOptions: { ca: caPem } } : {}),
  };
  const tenant = adfs ? "adfs" : principal.tenantId;
  const make = (): TokenCredential => {
    if (principal.certificatePem) return new ClientCertificateCredential(tenant, principal.clientId, { certificate: principal.certificatePem }, options);
    if (principal.secret) return new ClientSecretCredential(tenant, principal.clientId, principal.secret, options);
    throw new StampMetadataError("The service principal needs a client secret or a certificate.");
  };
  let credential = make();
  const scope = `${endpoints.audience.replace(/\/+$/, "")}/.default`;
  return {
    async token(fresh) {
      // A new credential has an empty cache: the way to a fresh token after the stamp refused one.
      if (fresh) credential = make();
      const token = await credential.getToken(scope);
      if (!token) throw new StampMetadataError("The identity provider returned no token.");
      return token.token;
    },
  };
}

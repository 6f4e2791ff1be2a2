// The simulated stamp's sign-in, as Azure Stack Hub's admin Resource Manager and its identity
// provider behave: the ARM metadata endpoint names the login endpoint and the audience; the
// identity provider (Microsoft Entra ID style, or AD FS for disconnected stamps, tenant "adfs")
// serves OpenID discovery and an OAuth 2.0 client-credentials token endpoint (client secret, or a
// certificate's signed client assertion) issuing RS256 JWTs; and ARM requests without a valid
// token get ARM's 401 body. Error answers use each provider's own codes (AADSTS…, MSIS…).
import { createHash, createPublicKey, X509Certificate } from "node:crypto";
import { decodeProtectedHeader, exportJWK, generateKeyPair, importX509, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";

export type IdentitySystem = "entra" | "adfs";

export interface StampClient {
  clientId: string;
  secret?: string;
  /** The PEM certificate whose private key signs the client's assertions. */
  certificatePem?: string;
}

export interface StampIdentityConfig {
  system: IdentitySystem;
  /** The directory tenant (Entra); AD FS always answers as "adfs". */
  tenantId: string;
  /** The admin ARM endpoint's audience, e.g. https://adminmanagement.local.azurestack.external/<guid>. */
  audience: string;
  clients: StampClient[];
  tokenLifetimeSeconds?: number;
}

export interface StampIdentity {
  /** Answers the metadata, discovery and token paths; null for any other path. */
  handle(request: Request, url: URL): Promise<Response | null>;
  /** Null when the request carries a valid token for the audience, else ARM's 401 answer. */
  refuseUnauthenticated(request: Request, origin: string): Promise<Response | null>;
}

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function createStampIdentity(config: StampIdentityConfig): Promise<StampIdentity> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = createHash("sha256")
    .update(JSON.stringify(await exportJWK(publicKey)))
    .digest("base64url")
    .slice(0, 16);
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
  const tenant = config.system === "adfs" ? "adfs" : config.tenantId;
  const lifetime = config.tokenLifetimeSeconds ?? 3600;

  const authority = (origin: string) => (config.system === "adfs" ? `${origin}/adfs` : `${origin}/${tenant}`);
  const issuer = (origin: string) => (config.system === "adfs" ? `${origin}/adfs` : `${origin}/${tenant}/v2.0`);
  const tokenEndpoint = (origin: string) => (config.system === "adfs" ? `${origin}/adfs/oauth2/token` : `${origin}/${tenant}/oauth2/v2.0/token`);

  function refusal(status: number, error: string, code: string, description: string): Response {
    const numeric = Number(code.replace(/\D/g, ""));
    return json({ error, error_description: `${code}: ${description}`, ...(config.system === "entra" ? { error_codes: [numeric] } : {}) }, status);
  }

  async function clientFrom(form: URLSearchParams, origin: string): Promise<StampClient | Response> {
    const client = config.clients.find((candidate) => candidate.clientId === form.get("client_id"));
    const unknown = config.system === "adfs" ? ["MSIS9604", "The client is not registered."] : ["AADSTS700016", "Application not found in the directory."];
    if (!client) return refusal(400, "unauthorized_client", unknown[0], unknown[1]);
    const assertion = form.get("client_assertion");
    if (assertion && client.certificatePem) {
      try {
        const header = decodeProtectedHeader(assertion);
        const thumbprint = new X509Certificate(client.certificatePem).fingerprint.replaceAll(":", "");
        const sent = typeof header.x5t === "string" ? Buffer.from(header.x5t, "base64url").toString("hex").toUpperCase() : "";
        if (sent && sent !== thumbprint) throw new Error("thumbprint");
        const key = await importX509(client.certificatePem, typeof header.alg === "string" ? header.alg : "RS256");
        // Identity providers allow a few minutes of clock skew between the client and themselves.
        await jwtVerify(assertion, key, { audience: [tokenEndpoint(origin), authority(origin)], subject: client.clientId, clockTolerance: "5 minutes" });
        return client;
      } catch {
        return config.system === "adfs"
          ? refusal(401, "invalid_client", "MSIS9622", "Client authentication failed. The client assertion is not valid.")
          : refusal(
              401,
              "invalid_client",
              "AADSTS700027",
              "The certificate with identifier used to sign the client assertion is not registered on application.",
            );
      }
    }
    if (client.secret !== undefined && form.get("client_secret") === client.secret) return client;
    return config.system === "adfs"
      ? refusal(401, "invalid_client", "MSIS9609", "The client secret is not valid.")
      : refusal(
          401,
          "invalid_client",
          "AADSTS7000215",
          "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.",
        );
  }

  async function token(request: Request, origin: string): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    if (form.get("grant_type") !== "client_credentials") {
      return refusal(400, "unsupported_grant_type", config.system === "adfs" ? "MSIS9611" : "AADSTS70003", "Only the client_credentials grant is supported.");
    }
    const client = await clientFrom(form, origin);
    if (client instanceof Response) return client;
    const scope = form.get("scope") ?? form.get("resource") ?? "";
    const resource = scope.split(" ")[0].replace(/\/\.default$/, "");
    if (resource.replace(/\/$/, "") !== config.audience.replace(/\/$/, "")) {
      return refusal(400, "invalid_resource", config.system === "adfs" ? "MSIS9602" : "AADSTS500011", `The resource '${resource}' was not found.`);
    }
    const accessToken = await new SignJWT({ appid: client.clientId, azp: client.clientId, tid: tenant })
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(issuer(origin))
      .setAudience(config.audience)
      .setSubject(client.clientId)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .sign(privateKey as CryptoKey);
    return json({ token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
  }

  function discovery(origin: string): Response {
    return json({
      issuer: issuer(origin),
      token_endpoint: tokenEndpoint(origin),
      authorization_endpoint: `${authority(origin)}/oauth2${config.system === "adfs" ? "" : "/v2.0"}/authorize`,
      end_session_endpoint: `${authority(origin)}/oauth2${config.system === "adfs" ? "" : "/v2.0"}/logout`,
      jwks_uri: `${authority(origin)}/discovery/keys`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      grant_types_supported: ["client_credentials"],
      response_types_supported: ["code", "token"],
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["pairwise"],
    });
  }

  return {
    async handle(request, url) {
      const origin = url.origin;
      const path = url.pathname.replace(/\/+$/, "").toLowerCase();
      const base = new URL(authority(origin)).pathname.toLowerCase();
      if (path === "/metadata/endpoints") {
        return json({
          galleryEndpoint: `${origin}/gallery/`,
          graphEndpoint: config.system === "adfs" ? `${origin}/graph/` : "https://graph.windows.net/",
          portalEndpoint: `${origin}/portal/`,
          authentication: { loginEndpoint: config.system === "adfs" ? `${origin}/adfs` : `${origin}/`, audiences: [config.audience] },
        });
      }
      if (path === `${base}/v2.0/.well-known/openid-configuration` || path === `${base}/.well-known/openid-configuration`) return discovery(origin);
      if (path === `${base}/discovery/keys` || path === `${base}/discovery/v2.0/keys`) return json({ keys: [jwk] });
      if (path === new URL(tokenEndpoint(origin)).pathname.toLowerCase()) {
        return request.method === "POST" ? token(request, origin) : json({ error: "invalid_request", error_description: "Use POST." }, 405);
      }
      return null;
    },
    async refuseUnauthenticated(request, origin) {
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const armError = (code: string, message: string) =>
        Response.json(
          { error: { code, message } },
          { status: 401, headers: { "WWW-Authenticate": `Bearer authorization_uri="${authority(origin)}", error="invalid_token"` } },
        );
      if (!match) return armError("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
      try {
        await jwtVerify(match[1], createPublicKey({ key: jwk as import("node:crypto").JsonWebKey, format: "jwk" }), {
          audience: config.audience,
          issuer: issuer(origin),
        });
        return null;
      } catch (error) {
        const expired = error instanceof Error && "code" in error && (error as { code: string }).code === "ERR_JWT_EXPIRED";
        return armError(
          expired ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
          expired ? "The access token expired." : "The access token is invalid.",
        );
      }
    },
  };
}

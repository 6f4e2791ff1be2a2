// The OpenAPI 3.1 document served at GET /api/openapi.json, built from typed contributions.
//
// EXTENSION POINT: each API adds one OpenApiContribution (tags, paths, schemas, parameters) to
// OPENAPI_CONTRIBUTIONS below. The usage-ingest and billing APIs (later issues) write theirs next to
// their route plumbing (e.g. lib/arm/openapi-usage.ts) and list it here; error responses should use
// armErrorResponses() with codes from arm-error-codes.ts so statuses stay in one table.
import { armErrorCodeSchema, ARM_ERROR_SCHEMA, type OpenApiContribution, type OpenApiDocument } from "./openapi-types";
import { registrationsOpenApi } from "./openapi-registrations";
import { usageOpenApi } from "./openapi-usage";
import { billingOpenApi } from "./openapi-billing";
import { reconciliationOpenApi } from "./openapi-reconciliation";
import { invoicesOpenApi } from "./openapi-invoices";

export const OPENAPI_CONTRIBUTIONS: readonly OpenApiContribution[] = [
  registrationsOpenApi,
  usageOpenApi,
  billingOpenApi,
  reconciliationOpenApi,
  invoicesOpenApi,
];

export function buildOpenApiDocument(contributions: readonly OpenApiContribution[] = OPENAPI_CONTRIBUTIONS): OpenApiDocument {
  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: "Stackcenter API",
      version: "1.0.0",
      description:
        "ARM-shaped APIs for CSP partners operating Azure Stack Hub. Authenticate with an API token from " +
        "Settings → API tokens (`Authorization: Bearer sc_…`); the token acts for its partner (a distributor: with its resellers). " +
        'Every request needs the `api-version` query parameter. Errors are `{"error":{"code","message","details"?}}`.',
    },
    servers: [{ url: "/", description: "This Stackcenter server" }],
    security: [{ apiToken: [] }],
    tags: [],
    paths: {},
    components: {
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", bearerFormat: "sc_ + 43 base64url characters", description: "A partner API token." },
      },
      schemas: { ArmError: ARM_ERROR_SCHEMA, ArmErrorCode: armErrorCodeSchema() },
      parameters: {},
    },
  };
  for (const contribution of contributions) {
    document.tags.push(...contribution.tags);
    mergeUnique(document.paths, contribution.paths, "path");
    mergeUnique(document.components.schemas, contribution.schemas, "schema");
    mergeUnique(document.components.parameters, contribution.parameters ?? {}, "parameter");
    mergeUnique(document.components.securitySchemes, contribution.securitySchemes ?? {}, "security scheme");
  }
  return document;
}

/** Two contributions defining the same path or component is a programming error: fail loudly. */
function mergeUnique<T>(target: Record<string, T>, source: Record<string, T>, what: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (key in target) throw new Error(`OpenAPI: ${what} '${key}' is defined twice`);
    target[key] = value;
  }
}

// The OpenAPI document: every ARM path and operation, every error code under its HTTP status (from
// the same tables the API answers with), a bearer scheme, and no dangling $ref.
import { describe, expect, it } from "vitest";
import { GET } from "../app/api/openapi.json/route";
import { buildOpenApiDocument } from "../lib/arm/openapi";
import { registrationsOpenApi } from "../lib/arm/openapi-registrations";
import { ARM_API_ERROR_STATUS } from "../lib/arm/arm-error-codes";
import type { OpenApiDocument, OpenApiOperation } from "../lib/arm/openapi-types";
import { REGISTRATION_ERROR_CODES, REGISTRATION_ERROR_STATUS } from "../lib/registrations/registration-errors";

const BASE = "/api/arm/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}";

async function served(): Promise<OpenApiDocument> {
  const response = GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  return (await response.json()) as OpenApiDocument;
}

function operations(document: OpenApiDocument): [string, OpenApiOperation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (["get", "put", "patch", "post", "delete"] as const).flatMap((method) =>
      item[method] ? [[`${method.toUpperCase()} ${path}`, item[method]] as [string, OpenApiOperation]] : [],
    ),
  );
}

describe("GET /api/openapi.json", () => {
  it("is OpenAPI 3.1 with the ARM registration operations and a bearer scheme", async () => {
    const document = await served();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.apiToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ apiToken: [] }]);
    expect(
      operations(document)
        .map(([name]) => name)
        .sort(),
    ).toEqual(
      [
        "GET /api/arm/providers/Microsoft.AzureStack/operations",
        "GET /api/arm/subscriptions/{subscriptionId}/providers/Microsoft.AzureStack/registrations",
        "GET /api/arm/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations",
        `GET ${BASE}`,
        `PUT ${BASE}`,
        `PATCH ${BASE}`,
        `DELETE ${BASE}`,
        `POST ${BASE}/getactivationkey`,
        `GET ${BASE}/products`,
        `GET ${BASE}/products/{productName}`,
        `GET ${BASE}/customerSubscriptions`,
        `GET ${BASE}/customerSubscriptions/{customerSubscriptionId}`,
        `PUT ${BASE}/customerSubscriptions/{customerSubscriptionId}`,
        `DELETE ${BASE}/customerSubscriptions/{customerSubscriptionId}`,
        // The usage ingest API (lib/arm/openapi-usage.ts).
        "POST /api/usage/ingest",
        "PUT /api/usage/local-subscriptions",
        // The recon download (lib/arm/openapi-billing.ts).
        "GET /api/billing/recon",
        // The reconciliation API (lib/arm/openapi-reconciliation.ts).
        "GET /api/reconciliation/{period}",
        "POST /api/reconciliation/{period}",
        "GET /api/reconciliation/{period}/lines",
        "GET /api/reconciliation/{period}/differences",
        // The invoice API (lib/arm/openapi-invoices.ts).
        "GET /api/invoices",
        "GET /api/invoices/{invoiceId}",
        "GET /api/invoices/{invoiceId}/pdf",
        "GET /api/periods/{period}/recon",
      ].sort(),
    );
    const operationIds = operations(document).map(([, operation]) => operation.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it("documents every registration error code under its status, and every code of the API in ArmErrorCode", async () => {
    const document = await served();
    const documented = new Map<string, Set<string>>();
    for (const [, operation] of operations(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const code of Object.keys(response.content?.["application/json"]?.examples ?? {})) {
          documented.set(code, (documented.get(code) ?? new Set()).add(status));
        }
      }
      for (const status of ["400", "401", "500"]) expect(Object.keys(operation.responses)).toContain(status);
    }
    for (const code of Object.values(REGISTRATION_ERROR_CODES)) {
      expect([...(documented.get(code) ?? [])], code).toEqual([String(REGISTRATION_ERROR_STATUS[code])]);
    }
    for (const [code, statuses] of documented) expect([...statuses], code).toEqual([String(ARM_API_ERROR_STATUS[code as keyof typeof ARM_API_ERROR_STATUS])]);
    expect(document.components.schemas.ArmErrorCode.enum).toEqual(Object.keys(ARM_API_ERROR_STATUS));
  });

  it("has no dangling $ref", async () => {
    const document = await served();
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const path = ref.slice('"$ref":"'.length, -1).replace(/^#\//, "").split("/");
      let node: unknown = document;
      for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
      expect(node, ref).toBeDefined();
    }
  });

  it("refuses two contributions defining the same path (the extension point fails loudly)", () => {
    expect(() => buildOpenApiDocument([registrationsOpenApi, registrationsOpenApi])).toThrow(/defined twice/);
  });
});

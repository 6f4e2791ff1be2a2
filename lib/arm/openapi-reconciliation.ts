// The reconciliation API's part of the OpenAPI document: upload Microsoft's recon file for a period
// and read what it found (/api/reconciliation/{period}…). API token (the document's default
// security) of the partner Microsoft bills; errors are the portal API's `{"ok":false,"error":…}`.
// Pure module.
import { BILLING_PERIOD_PATTERN } from "../billing/billing-period";
import { RECONCILIATION_CLASSES } from "../reconciliation/reconciliation-classes";
import type { JsonSchema, OpenApiContribution, OpenApiParameter, OpenApiResponse } from "./openapi-types";

const TAG = "Reconciliation";
const error = (description: string): OpenApiResponse => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/BillingError" } } },
});
const query = (name: string, description: string, schema: JsonSchema): OpenApiParameter => ({ name, in: "query", required: false, description, schema });
const period: OpenApiParameter = {
  name: "period",
  in: "path",
  required: true,
  description: "Billing period, YYYY-MM.",
  schema: { type: "string", pattern: BILLING_PERIOD_PATTERN.source },
};
const money: JsonSchema = { type: "string", description: "Decimal amount in the file's pricing currency.", pattern: "^-?\\d+\\.\\d{2}$" };
const stake: JsonSchema = {
  type: "object",
  properties: { keys: { type: "integer" }, billedTotal: money, ratedTotal: money, overBilled: money, underBilled: money, net: money },
};
const classEnum: JsonSchema = { type: "string", enum: RECONCILIATION_CLASSES };
const refused = {
  "401": error("Unauthenticated: missing, revoked or invalid API token."),
  "403": error("Forbidden (the role may not) or NotBillingPartner (a reseller: only the partner Microsoft bills reconciles)."),
  "500": error("InternalError."),
};
const filters = [
  query("class", "Only this class.", classEnum),
  query("customer", "Only this customer (Stackcenter id; `none`: default and foreign subscriptions).", { type: "string" }),
  query("stamp", "Only this registration (stamp) id; `none`: lines no stamp reported.", { type: "string" }),
];

export const reconciliationOpenApi: OpenApiContribution = {
  tags: [{ name: TAG, description: "Microsoft's recon file against the stamps' rated usage: every difference, with the money at stake." }],
  schemas: {
    ReconciliationImportResult: {
      type: "object",
      properties: {
        importId: { type: "string" },
        period: { type: "string" },
        alreadyImported: { type: "boolean", description: "This same file (SHA-256) was imported before: nothing changed." },
        format: { type: "string", enum: ["DAILY_RATED", "LEGACY"] },
        linesRead: { type: "integer" },
        azureStackLines: { type: "integer" },
        setAsideLines: { type: "integer", description: "Lines that aren't Azure Stack's: counted, not matched." },
        keys: { type: "integer", description: "Subscription × meter × resource × day keys classified." },
        replacedImportId: { type: ["string", "null"] },
      },
    },
    ReconciliationPeriod: {
      type: "object",
      properties: {
        period: { type: "string" },
        status: { type: "string", enum: ["NOT_IMPORTED", "IMPORTED", "REVIEWED"] },
        current: { description: "The current import (file, counts, tolerance, imported/reviewed by and at); null when nothing is imported." },
        imports: { type: "array", items: { type: "object" }, description: "Every import of the period, newest first; older ones superseded." },
        classes: { type: "array", items: { type: "object", properties: { class: classEnum, ...stake.properties } } },
        totals: stake,
        customers: { type: "array", items: { type: "object" } },
        stamps: { type: "array", items: { type: "object" } },
      },
    },
  },
  paths: {
    "/api/reconciliation/{period}": {
      parameters: [period],
      get: {
        operationId: "Reconciliation_Get",
        summary: "A period's reconciliation: status, imports, totals per class, customer and stamp",
        tags: [TAG],
        responses: {
          "200": {
            description: "The period.",
            content: {
              "application/json": {
                schema: { type: "object", properties: { ok: { const: true }, data: { $ref: "#/components/schemas/ReconciliationPeriod" } } },
              },
            },
          },
          "400": error("ValidationFailed: bad period."),
          ...refused,
        },
      },
      post: {
        operationId: "Reconciliation_Import",
        summary: "Import Partner Center's recon file for the period (raw body: CSV, gzip or zip)",
        description:
          "The daily-rated usage reconciliation file or the legacy usage-based file, as downloaded, streamed. Only Azure Stack lines " +
          "(MeterRegion / Region `Azure Stack`, or an Azure Stack commerce meter) take part. The same file again answers 200 with " +
          "alreadyImported; a different file becomes the period's current import (the older one is kept).",
        tags: [TAG],
        parameters: [
          query("fileName", "The file's name, for the record.", { type: "string", maxLength: 255 }),
          query("tolerance", "Quantity tolerance in percent (0–100, default 0).", { type: "string", pattern: "^\\d{1,3}(\\.\\d{1,4})?$" }),
        ],
        requestBody: {
          required: true,
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } }, "text/csv": { schema: { type: "string" } } },
        },
        responses: {
          "200": {
            description: "Already imported.",
            content: {
              "application/json": {
                schema: { type: "object", properties: { ok: { const: true }, data: { $ref: "#/components/schemas/ReconciliationImportResult" } } },
              },
            },
          },
          "201": {
            description: "Imported.",
            content: {
              "application/json": {
                schema: { type: "object", properties: { ok: { const: true }, data: { $ref: "#/components/schemas/ReconciliationImportResult" } } },
              },
            },
          },
          "400": error("ValidationFailed: bad period or tolerance, not a recon file, or a line that can't be read (message: line and column)."),
          ...refused,
        },
      },
    },
    "/api/reconciliation/{period}/lines": {
      parameters: [period],
      get: {
        operationId: "ReconciliationLines_List",
        summary: "The current import's classified lines, largest stake first, 50 a page",
        tags: [TAG],
        parameters: [
          ...filters,
          query("differences", "`1`: every class but matched.", { type: "string", enum: ["1"] }),
          query("page", "Page, from 1.", { type: "integer", minimum: 1 }),
        ],
        responses: {
          "200": { description: "A page of lines.", content: { "application/json": { schema: { type: "object" } } } },
          "400": error("ValidationFailed."),
          ...refused,
        },
      },
    },
    "/api/reconciliation/{period}/differences": {
      parameters: [period],
      get: {
        operationId: "ReconciliationDifferences_Export",
        summary: "The current import's differences as CSV (every class but matched, or the chosen class)",
        tags: [TAG],
        parameters: filters,
        responses: {
          "200": { description: "CSV, streamed.", content: { "text/csv": { schema: { type: "string" } } } },
          "400": error("ValidationFailed."),
          ...refused,
        },
      },
    },
  },
};

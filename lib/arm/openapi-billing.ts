// The billing API's part of the OpenAPI document: GET /api/billing/recon (the recon CSV, streamed).
// Authenticated by a partner API token (the document's default security); errors are the portal
// API's `{"ok":false,"error":{"code","message","fields"?}}` (not ARM-shaped: not an ARM resource).
import { RECON_COLUMNS } from "../recon/recon-line";
import { BILLING_PERIOD_PATTERN } from "../billing/billing-period";
import type { JsonSchema, OpenApiContribution, OpenApiResponse } from "./openapi-types";

const TAG = "Billing";
const error = (description: string): OpenApiResponse => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/BillingError" } } },
});
const query = (name: string, description: string, schema: JsonSchema, required = false) => ({ name, in: "query" as const, required, description, schema });

export const billingOpenApi: OpenApiContribution = {
  tags: [{ name: TAG, description: "Partner Center-style daily-rated usage reconciliation." }],
  schemas: {
    BillingError: {
      type: "object",
      required: ["ok", "error"],
      properties: {
        ok: { type: "boolean" },
        error: {
          type: "object",
          required: ["code", "message"],
          properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } },
        },
      },
    },
  },
  paths: {
    "/api/billing/recon": {
      get: {
        operationId: "BillingRecon_Get",
        summary: "Download the daily-rated usage recon file of a billing period",
        description:
          "CSV with Partner Center's recon columns in order: " +
          RECON_COLUMNS.join(", ") +
          ". " +
          "BillingPreTaxTotal = FLOOR(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2) per line. A reseller's token gets " +
          "its own customers' lines; a distributor's token its own and all its resellers'. Streamed; Content-Disposition " +
          '`attachment; filename="recon_<partner>_<period>.csv"`.',
        tags: [TAG],
        parameters: [
          query("period", "Calendar month, YYYY-MM (the current month is the open period).", { type: "string", pattern: BILLING_PERIOD_PATTERN.source }, true),
          query("customerId", "Only this customer (Stackcenter customer id).", { type: "string" }),
          query("resellerId", "Distributors: only this reseller's customers.", { type: "string" }),
          query("registration", "Only lines of this registration (stamp).", { type: "string" }),
          query("from", "First usage day (YYYY-MM-DD) inside the period.", { type: "string", format: "date" }),
          query("to", "Last usage day (YYYY-MM-DD) inside the period.", { type: "string", format: "date" }),
        ],
        responses: {
          "200": { description: "The recon file.", content: { "text/csv": { schema: { type: "string" } } } },
          "400": error("ValidationFailed: bad period or filter (fields name the parameter)."),
          "401": error("Unauthenticated: missing, revoked or invalid API token."),
          "403": error("Forbidden: the role may not export billing data."),
          "404": error("NotFound: a customer, reseller or registration outside the caller's scope."),
          "422": error("ExchangeRateMissing: the period is billed in a currency other than its pricing currency and its rate isn't imported."),
          "500": error("InternalError."),
        },
      },
    },
  },
};

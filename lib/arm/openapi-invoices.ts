// The invoice API's part of the OpenAPI document: GET /api/invoices (list), /api/invoices/{invoiceId}
// (JSON) and …/pdf, and a closed period's frozen recon file. API token (the document's default);
// errors are the portal API's envelope (BillingError, from openapi-billing.ts).
import { BILLING_PERIOD_PATTERN } from "../billing/billing-period";
import type { JsonSchema, OpenApiContribution, OpenApiResponse } from "./openapi-types";

const TAG = "Invoices";
const error = (description: string): OpenApiResponse => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/BillingError" } } },
});
const money: JsonSchema = { type: "string", pattern: "^-?\\d+\\.\\d{2}$", description: "A decimal amount with 2 decimals, as a string." };
const party: JsonSchema = {
  type: "object",
  required: ["legalName", "address", "taxId"],
  properties: { legalName: { type: "string" }, address: { type: "string" }, taxId: { type: "string" } },
};
const invoiceId = { name: "invoiceId", in: "path" as const, required: true, description: "The invoice's id.", schema: { type: "string" } as JsonSchema };
const errors = {
  "400": error("ValidationFailed: a malformed request (e.g. bad percent-encoding in the path)."),
  "401": error("Unauthenticated: missing, revoked or invalid API token."),
  "403": error("Forbidden: the role may not read statements or invoices."),
  "404": error("NotFound: no such invoice in the caller's scope."),
  "500": error("InternalError."),
};
const costNote = "`microsoftCost` is present only for the billing partner (direct CSP or distributor) that issued the invoice; never for a reseller.";

export const invoicesOpenApi: OpenApiContribution = {
  tags: [{ name: TAG, description: "Customer invoices of closed billing periods (frozen at the month-end close)." }],
  schemas: {
    InvoiceSummary: {
      type: "object",
      required: ["id", "number", "period", "issueDate", "dueDate", "customer", "currency", "subtotal", "taxAmount", "total", "deliveryStatus"],
      properties: {
        id: { type: "string" },
        number: { type: "string", examples: ["NW-2026-000123"] },
        period: { type: "string", pattern: BILLING_PERIOD_PATTERN.source },
        issueDate: { type: "string", format: "date" },
        dueDate: { type: "string", format: "date" },
        customer: { type: "object", required: ["id", "companyName"], properties: { id: { type: "string" }, companyName: { type: "string" } } },
        currency: { type: "string" },
        subtotal: money,
        taxAmount: money,
        total: money,
        deliveryStatus: { type: "string", enum: ["NOT_SENT", "SENT", "FAILED"] },
        microsoftCost: { ...money, description: costNote },
      },
    },
    InvoiceLine: {
      type: "object",
      required: ["id", "kind", "description", "amount"],
      properties: {
        id: { type: "string" },
        kind: { type: "string", enum: ["USAGE", "ADJUSTMENT", "DISCOUNT", "MINIMUM_FEE", "CREDIT"] },
        description: { type: "string" },
        unit: { type: ["string", "null"] },
        quantity: { type: ["string", "null"] },
        unitPrice: { type: ["string", "null"] },
        amount: money,
        firstDay: { type: ["string", "null"] },
        lastDay: { type: ["string", "null"] },
        refPeriod: { type: ["string", "null"], description: "An adjustment's original (closed) period." },
        refLineId: { type: ["string", "null"], description: "An adjustment's original invoice line." },
      },
    },
    Invoice: {
      type: "object",
      required: [
        "id",
        "number",
        "period",
        "issueDate",
        "dueDate",
        "currency",
        "billFrom",
        "billTo",
        "subtotal",
        "taxRatePercent",
        "taxAmount",
        "total",
        "reverseCharge",
        "lines",
      ],
      properties: {
        id: { type: "string" },
        number: { type: "string" },
        period: { type: "string" },
        issueDate: { type: "string", format: "date" },
        dueDate: { type: "string", format: "date" },
        currency: { type: "string" },
        customer: { type: "object", properties: { id: { type: "string" }, companyName: { type: "string" } } },
        billFrom: party,
        billTo: party,
        subtotal: money,
        taxRatePercent: { type: "string" },
        taxAmount: money,
        total: money,
        reverseCharge: { type: "boolean" },
        deliveryStatus: { type: "string", enum: ["NOT_SENT", "SENT", "FAILED"] },
        lines: { type: "array", items: { $ref: "#/components/schemas/InvoiceLine" } },
        microsoftCost: { ...money, description: costNote },
      },
    },
  },
  paths: {
    "/api/invoices": {
      get: {
        operationId: "Invoices_List",
        summary: "List the invoices the caller sees",
        description: `Newest period first (at most 500). A reseller's token gets its own customers' invoices only; a distributor's its own and its resellers'. ${costNote}`,
        tags: [TAG],
        parameters: [
          {
            name: "period",
            in: "query",
            required: false,
            description: "Only this closed period (YYYY-MM).",
            schema: { type: "string", pattern: BILLING_PERIOD_PATTERN.source },
          },
          { name: "customerId", in: "query", required: false, description: "Only this customer.", schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "The invoices.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["ok", "invoices"],
                  properties: { ok: { type: "boolean" }, invoices: { type: "array", items: { $ref: "#/components/schemas/InvoiceSummary" } } },
                },
              },
            },
          },
          ...errors,
          "400": error("ValidationFailed: a malformed period or request."),
        },
      },
    },
    "/api/invoices/{invoiceId}": {
      get: {
        operationId: "Invoices_Get",
        summary: "Get one invoice with its lines",
        tags: [TAG],
        parameters: [invoiceId],
        responses: {
          "200": {
            description: "The invoice.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["ok", "invoice"],
                  properties: { ok: { type: "boolean" }, invoice: { $ref: "#/components/schemas/Invoice" } },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    "/api/invoices/{invoiceId}/pdf": {
      get: {
        operationId: "Invoices_GetPdf",
        summary: "Download an invoice's PDF (the bytes frozen at the close)",
        tags: [TAG],
        parameters: [invoiceId],
        responses: { "200": { description: "The PDF.", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } }, ...errors },
      },
    },
    "/api/periods/{period}/recon": {
      get: {
        operationId: "Periods_GetFrozenRecon",
        summary: "Download a closed period's recon file (the bytes frozen at the close)",
        description: "Billing partners (direct CSPs, distributors) only; the ETag is the file's SHA-256.",
        tags: [TAG],
        parameters: [
          {
            name: "period",
            in: "path",
            required: true,
            description: "A closed period, YYYY-MM.",
            schema: { type: "string", pattern: BILLING_PERIOD_PATTERN.source },
          },
        ],
        responses: {
          "200": { description: "The recon file.", content: { "text/csv": { schema: { type: "string" } } } },
          "400": error("ValidationFailed: a malformed period."),
          "401": error("Unauthenticated: missing, revoked or invalid API token."),
          "403": error("Forbidden: not the billing partner, or the role may not export billing data."),
          "404": error("NotFound: the period is not closed."),
          "500": error("InternalError."),
        },
      },
    },
  },
};

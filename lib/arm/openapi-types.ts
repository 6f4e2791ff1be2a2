// The subset of OpenAPI 3.1 Stackcenter's document uses, typed, plus the shared building blocks of
// every API's contribution: the ARM error schema and error responses grouped by HTTP status.
import { ARM_API_ERROR_STATUS, type ArmApiErrorCode } from "./arm-error-codes";

/** JSON Schema (2020-12, as OpenAPI 3.1 uses it): the keywords we write. */
export interface JsonSchema {
  $ref?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null" | ("string" | "null")[];
  format?: string;
  description?: string;
  enum?: readonly (string | number | boolean)[];
  const?: string | number | boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: string | number | boolean;
  readOnly?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  examples?: readonly unknown[];
}

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
  /** Overrides the document's default (API token) security, e.g. the ingest API's ingestion keys. */
  security?: Record<string, string[]>[];
}

export type OpenApiPathItem = Partial<Record<"get" | "put" | "post" | "patch" | "delete", OpenApiOperation>> & {
  parameters?: (OpenApiParameter | { $ref: string })[];
};

/** What one API (registrations now; usage ingest, billing later) adds to the document. */
export interface OpenApiContribution {
  tags: { name: string; description: string }[];
  paths: Record<string, OpenApiPathItem>;
  schemas: Record<string, JsonSchema>;
  parameters?: Record<string, OpenApiParameter>;
  securitySchemes?: Record<string, OpenApiSecurityScheme>;
}

export interface OpenApiSecurityScheme {
  type: "http";
  scheme: "bearer";
  bearerFormat?: string;
  description: string;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, OpenApiPathItem>;
  components: {
    securitySchemes: Record<string, OpenApiSecurityScheme>;
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
  };
}

export const ARM_ERROR_SCHEMA_REF = "#/components/schemas/ArmError";

/** Shared component: the ARM error body. */
export const ARM_ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { $ref: "#/components/schemas/ArmErrorCode" },
        message: { type: "string" },
        details: {
          type: "array",
          description: "For validation errors: one entry per field (target = path segment or body property).",
          items: {
            type: "object",
            required: ["code", "target", "message"],
            properties: { code: { type: "string" }, target: { type: "string" }, message: { type: "string" } },
          },
        },
      },
    },
  },
};

/** Shared component: every code any endpoint answers with; the status of each is in the description. */
export function armErrorCodeSchema(): JsonSchema {
  const codes = Object.keys(ARM_API_ERROR_STATUS) as ArmApiErrorCode[];
  return {
    type: "string",
    enum: codes,
    description: codes.map((code) => `${code}: HTTP ${ARM_API_ERROR_STATUS[code]}`).join("; "),
  };
}

/**
 * The error responses of an operation: its codes grouped by their HTTP status (from the one status
 * table, so the document can't drift from the API), with an example body per code.
 */
export function armErrorResponses(codes: readonly ArmApiErrorCode[], sampleMessage: (code: ArmApiErrorCode) => string): Record<string, OpenApiResponse> {
  const byStatus = new Map<number, ArmApiErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ARM_API_ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, statusCodes] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: statusCodes.join(", "),
      content: {
        "application/json": {
          schema: { $ref: ARM_ERROR_SCHEMA_REF },
          examples: Object.fromEntries(statusCodes.map((code) => [code, { summary: code, value: { error: { code, message: sampleMessage(code) } } }])),
        },
      },
    };
  }
  return responses;
}

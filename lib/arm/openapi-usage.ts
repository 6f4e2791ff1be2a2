// The usage ingest API's part of the OpenAPI document: POST /api/usage/ingest and
// PUT /api/usage/local-subscriptions, authenticated by a registration's ingestion key (not an API
// token), with plain `{"error":{"code","message"}}` errors (no api-version: the bridge's shape).
import { MAX_USAGE_RECORDS_PER_BATCH } from "../usage/usage-limits";
import { USAGE_REJECT_CODES } from "../usage/ingest/domain/parse-usage-record";
import type { JsonSchema, OpenApiContribution, OpenApiResponse } from "./openapi-types";

const TAG = "Usage ingest";
const security = [{ ingestionKey: [] }];
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string): OpenApiResponse => ({ description, content: { "application/json": { schema: ref("UsageError") } } });

const USAGE_RECORD: JsonSchema = {
  type: "object",
  required: ["properties"],
  description: "One hourly usageAggregates record, as Azure Stack Hub's usage API returns it.",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    type: { type: "string" },
    properties: {
      type: "object",
      required: ["subscriptionId", "usageStartTime", "usageEndTime", "instanceData", "quantity", "meterId"],
      properties: {
        subscriptionId: { type: "string", description: "The LOCAL (stamp) subscription." },
        usageStartTime: { type: "string", format: "date-time", description: "On the hour (UTC)." },
        usageEndTime: { type: "string", format: "date-time", description: "usageStartTime + 1 hour; not in the future." },
        instanceData: {
          type: "string",
          description: 'A JSON STRING: {"Microsoft.Resources":{"resourceUri","location","tags","additionalInfo"}}.',
        },
        quantity: { type: "number", minimum: 0 },
        meterId: { type: "string", description: "Local meter GUID (any case, hyphens optional)." },
      },
    },
  },
};

export const usageOpenApi: OpenApiContribution = {
  tags: [{ name: TAG, description: "A stamp's usage collector reports hourly usage and its local subscriptions." }],
  securitySchemes: {
    ingestionKey: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "scik_ + 43 base64url characters",
      description: "A registration's ingestion key (registration page); it names the stamp.",
    },
  },
  schemas: {
    UsageError: {
      type: "object",
      required: ["error"],
      properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
    },
    UsageRecord: USAGE_RECORD,
    UsageIngestResult: {
      type: "object",
      required: ["accepted", "duplicate", "corrected", "rejected", "rejections"],
      properties: {
        accepted: { type: "integer", description: "New records stored." },
        duplicate: { type: "integer", description: "Records already stored with the same quantity (replays, overlaps): no-ops." },
        corrected: { type: "integer", description: "Records already stored with another quantity: the new quantity replaced it." },
        rejected: { type: "integer" },
        rejections: {
          type: "array",
          items: {
            type: "object",
            required: ["index", "code", "reason"],
            properties: {
              index: { type: "integer", description: "Position in value[]." },
              code: { type: "string", enum: USAGE_REJECT_CODES },
              reason: { type: "string" },
            },
          },
        },
      },
    },
  },
  paths: {
    "/api/usage/ingest": {
      post: {
        operationId: "UsageIngest",
        summary: "Report hourly (or daily) usage records",
        description:
          `Up to ${MAX_USAGE_RECORDS_PER_BATCH} records per request; \`Content-Encoding: gzip\` accepted. Idempotent on ` +
          "(local subscription, meter, resource URI, usage start): re-sending is safe. Good records of a batch are stored even when others are rejected. " +
          "DuplicateInBatch: the same key twice in one batch: the later record wins, the earlier is reported. " +
          "MixedGranularity: the record's series already holds that UTC day in the other granularity (hourly records or a daily record).",
        tags: [TAG],
        security,
        parameters: [
          {
            name: "aggregationGranularity",
            in: "query",
            required: false,
            description: "Hourly (default): every record spans one hour. Daily: every record spans one UTC day, 00:00Z to 00:00Z.",
            schema: { type: "string", enum: ["Hourly", "Daily"], default: "Hourly" },
          },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: { type: "object", required: ["value"], properties: { value: { type: "array", items: ref("UsageRecord") } } } },
          },
        },
        responses: {
          "200": { description: "What became of each record.", content: { "application/json": { schema: ref("UsageIngestResult") } } },
          "400": error("InvalidRequestContent: not JSON, not gzip, or no value array. InvalidGranularity: aggregationGranularity is not Hourly or Daily."),
          "401": error("Unauthenticated: missing, unknown or revoked ingestion key."),
          "413": error(`TooManyRecords (more than ${MAX_USAGE_RECORDS_PER_BATCH}) or PayloadTooLarge.`),
          "415": error("UnsupportedEncoding."),
          "500": error("InternalError: nothing of the batch was stored; retry it."),
        },
      },
    },
    "/api/usage/local-subscriptions": {
      put: {
        operationId: "UsageLocalSubscriptionsPut",
        summary: "Sync the stamp's local subscriptions and their owners",
        description:
          "Upserts; subscriptions not listed are kept. Usage of unknown local subscriptions is billed to the registration's default subscription as unregistered-tenant usage.",
        tags: [TAG],
        security,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["value"],
                properties: {
                  value: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["subscriptionId"],
                      properties: {
                        subscriptionId: { type: "string" },
                        tenantId: { type: ["string", "null"], format: "uuid", description: "Owner directory (tenant); null for none." },
                        isProviderSubscription: { type: "boolean", default: false, description: "The operator's own (admin) subscription: Admin meters." },
                        displayName: { type: ["string", "null"] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "Rows written.",
            content: { "application/json": { schema: { type: "object", properties: { upserted: { type: "integer" } } } } },
          },
          "400": error("InvalidRequestContent."),
          "401": error("Unauthenticated."),
          "500": error("InternalError: retry."),
        },
      },
    },
  },
};

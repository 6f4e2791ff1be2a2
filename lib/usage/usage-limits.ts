// Limits of the ingest API, shared by the route, the pipeline and the OpenAPI document. Pure.
export const MAX_USAGE_RECORDS_PER_BATCH = 50_000;

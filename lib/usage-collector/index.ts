// The usage collector (a stamp-side usage bridge): stamp admin API → portal ingest API.
export { runCollector, MAX_BATCH_RECORDS, type CollectorOptions, type CollectorSummary } from "./collector";
export { createStampClient, StampApiError, type FetchLike, type StampClient, type StampLocalSubscription } from "./stamp-client";
export { httpUsageSink, IngestRefusedError, type IngestResult, type UsageSink } from "./ingest-sink";
export { fileStateStore, memoryStateStore, type CollectorState, type StateStore } from "./state";
export { DEFAULT_RETRY, backoffDelay, withRetry, TransientError, type RetryPolicy, type Sleep } from "./retry";
export { authenticatedFetch, stampTransport, StampAuthenticationError, type AccessTokenSource } from "./stamp-fetch";
export { readStampEndpoints, stampTokenSource, StampMetadataError, type StampEndpoints, type StampServicePrincipal } from "./stamp-sign-in";

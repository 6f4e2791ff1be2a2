// The stamp ingestion key format ("scik_…", distinct from API tokens so a key pasted in the wrong
// place is recognisable); see lib/secrets/opaque-secret-format.ts.
import { opaqueSecretFormat } from "../../secrets/opaque-secret-format";

const INGESTION_KEYS = opaqueSecretFormat("scik_", 12);

export const INGESTION_KEY_PREFIX = INGESTION_KEYS.prefix;
export const generateIngestionKey = INGESTION_KEYS.generate;
export const isWellFormedIngestionKey = INGESTION_KEYS.isWellFormed;
export const hashIngestionKey = INGESTION_KEYS.hash;
export const ingestionKeyDisplayPrefix = INGESTION_KEYS.displayPrefix;

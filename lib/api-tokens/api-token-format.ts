// The partner API token format ("sc_…"); see lib/secrets/opaque-secret-format.ts.
import { opaqueSecretFormat } from "../secrets/opaque-secret-format";

const API_TOKENS = opaqueSecretFormat("sc_", 10);

export const API_TOKEN_PREFIX = API_TOKENS.prefix;
export const generateApiToken = API_TOKENS.generate;
export const isWellFormedApiToken = API_TOKENS.isWellFormed;
export const hashApiToken = API_TOKENS.hash;
export const apiTokenDisplayPrefix = API_TOKENS.displayPrefix;

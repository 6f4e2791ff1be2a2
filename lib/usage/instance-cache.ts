// parseInstanceData memoised per batch by the instanceData text, with its COPY fields (resourceUri;
// location, additionalInfo, tags) encoded once. A stamp repeats a resource's instanceData every
// hour, so a day-long batch parses each ~24× less. `uri` numbers the batch's distinct resource
// URIs for short in-batch keys. Pure module.
import { COPY_NULL, copyJson, copyText } from "../database/sql-text";
import { copyPiece, type CopyPiece } from "./copy-line-writer";
import { parseInstanceData, type InstanceData } from "./parse-usage-record";

export interface InstanceEntry {
  parsed: InstanceData;
  /** The resource URI by number (distinct URIs of the batch). */
  uri: number;
  /** The resource URI as a COPY field. */
  resourceField: string;
  /** "\t location \t additionalInfo \t tags \t", encoded. */
  detail: CopyPiece;
}

const NO_PIECE = copyPiece("");

export function instanceCache() {
  const byText = new Map<string, InstanceEntry>();
  const uriIds = new Map<string, number>();
  let last: InstanceEntry | undefined;
  const parse = (value: unknown): InstanceData => {
    if (typeof value !== "string") return parseInstanceData(value);
    let entry = byText.get(value);
    if (!entry) {
      const parsed = parseInstanceData(value);
      let uri = -1;
      let resourceField = "";
      let detail = NO_PIECE;
      if (parsed.ok) {
        uri = uriIds.get(parsed.resourceUri) ?? uriIds.size;
        uriIds.set(parsed.resourceUri, uri);
        resourceField = copyText(parsed.resourceUri);
        detail = copyPiece(`\t${parsed.location === null ? COPY_NULL : copyText(parsed.location)}\t${copyJson(parsed.additionalInfo)}\t${copyJson(parsed.tags)}\t`);
      }
      entry = { parsed, uri, resourceField, detail };
      byText.set(value, entry);
    }
    last = entry;
    return entry.parsed;
  };
  /** The cache entry of the instanceData the last successful check parsed. */
  const lastEntry = (): InstanceEntry => {
    if (!last) throw new Error("lastEntry() was called before any instanceData was parsed.");
    return last;
  };
  return { parse, lastEntry };
}

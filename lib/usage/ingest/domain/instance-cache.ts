// parseInstanceData memoised per batch by the instanceData text. A stamp repeats a resource's
// instanceData every hour, so a day-long batch parses each ~24× less. Valid entries are numbered
// (`id`), and so are the batch's distinct resource URIs (`uri`): short in-batch keys, and the
// slots under which the wire side keeps an entry's encoded COPY fields. Pure module.
import { parseInstanceData, type InstanceData } from "./parse-usage-record";

export interface InstanceEntry {
  parsed: InstanceData;
  /** Numbers the batch's distinct valid instanceData texts (0, 1, 2, …); -1 when invalid. */
  id: number;
  /** Numbers the batch's distinct resource URIs; -1 when invalid. */
  uri: number;
}

export function instanceCache() {
  // One entry shape for valid and invalid texts: the lookup per record stays monomorphic.
  const byText = new Map<string, InstanceEntry>();
  const uriIds = new Map<string, number>();
  let valid = 0;
  let last: InstanceEntry | undefined;
  const parse = (value: unknown): InstanceData => {
    if (typeof value !== "string") return parseInstanceData(value);
    let entry = byText.get(value);
    if (!entry) {
      const parsed = parseInstanceData(value);
      let id = -1;
      let uri = -1;
      if (parsed.ok) {
        id = valid++;
        uri = uriIds.get(parsed.resourceUri) ?? uriIds.size;
        uriIds.set(parsed.resourceUri, uri);
      }
      entry = { parsed, id, uri };
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

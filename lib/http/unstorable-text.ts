// Text PostgreSQL can't store: NUL (U+0000), which text and jsonb refuse, and unpaired UTF-16
// surrogates, which have no UTF-8 form. Every boundary (the proxy for URLs, runAction for server
// action input, the APIs' body schemas) refuses them with the same sentence. No "server-only":
// the proxy runs it.

export const UNSTORABLE_TEXT_MESSAGE = "contains a NUL character or invalid Unicode (an unpaired surrogate), which can't be stored.";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

/**
 * The path ("customer.companyName", "lines.3") of the first string in a value that can't be
 * stored, or null. Walks iteratively, so a value nested thousands deep can't overflow the stack.
 */
export function findUnstorableText(value: unknown, maxNodes = 100_000): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  let visited = 0;
  for (let next = stack.pop(); next && visited++ < maxNodes; next = stack.pop()) {
    const [current, path] = next;
    if (typeof current === "string") {
      if (isUnstorableText(current)) return path || "value";
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push([item, path ? `${path}.${index}` : String(index)]));
    } else if (typeof current === "object" && current !== null && !(current instanceof Blob)) {
      for (const [key, item] of Object.entries(current)) {
        if (isUnstorableText(key)) return path ? `${path}.${key}` : key;
        stack.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

// What is wrong with a request URL before any route sees it: malformed percent-encoding in the
// path or the query (Next answers those with a 500), or text that can't be stored (NUL, unpaired
// surrogates) once decoded. The proxy answers them with a 400 in the shape of the API asked.
// No "server-only": the proxy runs it.
import { isUnstorableText } from "./unstorable-text";

export interface MalformedUrl {
  /** "path" or the query parameter's name. */
  where: string;
  reason: string;
}

function decode(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

export function findMalformedUrl(url: URL): MalformedUrl | null {
  for (const segment of url.pathname.split("/")) {
    const decoded = decode(segment);
    if (decoded === null) return { where: "path", reason: `The path segment '${segment.slice(0, 60)}' has malformed percent-encoding.` };
    if (isUnstorableText(decoded)) return { where: "path", reason: "The path contains a NUL character or invalid Unicode." };
  }
  for (const pair of url.search.slice(1).split("&")) {
    if (!pair) continue;
    const [rawName, ...rest] = pair.split("=");
    const name = decode(rawName.replace(/\+/g, " "));
    const value = decode(rest.join("=").replace(/\+/g, " "));
    const label = (name ?? rawName).slice(0, 60);
    if (name === null || value === null) return { where: label, reason: `The query parameter '${label}' has malformed percent-encoding.` };
    if (isUnstorableText(name) || isUnstorableText(value))
      return { where: label, reason: `The query parameter '${label}' contains a NUL character or invalid Unicode.` };
  }
  return null;
}

/** The 400 answer in the shape of the API the path belongs to (ARM, usage ingest, the portal's JSON APIs, or a page). */
export function malformedUrlResponse(url: URL, problem: MalformedUrl): Response {
  const path = url.pathname;
  if (path.startsWith("/api/arm/") || path === "/api/arm") {
    const code = problem.where === "path" ? "InvalidRequestUri" : "InvalidQueryParameterValue";
    return Response.json({ error: { code, message: `The request URI is not valid: ${problem.reason}` } }, { status: 400 });
  }
  if (path.startsWith("/api/usage/")) {
    return Response.json({ error: { code: "InvalidRequestUri", message: problem.reason } }, { status: 400 });
  }
  if (path.startsWith("/api/")) {
    return Response.json(
      { ok: false, error: { code: "InvalidRequestUri", message: problem.reason, fields: { [problem.where]: problem.reason } } },
      { status: 400 },
    );
  }
  return new Response(`Bad request: ${problem.reason}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

// Matching a request path under /api/arm against the API's route patterns the way ARM does:
// segment names case-insensitively ("resourcegroups", "microsoft.azurestack"), parameters as the
// caller spelled them, percent-decoding per segment (malformed encoding is the caller's error).
// No "server-only": the OpenAPI document is built from the same patterns.
import { armRequestError } from "./arm-error-codes";

export const ARM_PATH_PREFIX = "/api/arm";

export type HttpMethod = "GET" | "PUT" | "PATCH" | "DELETE" | "POST";

/** A pattern's segments: literals, and `{name}` parameters. */
export interface CompiledPattern {
  pattern: string;
  segments: ({ literal: string } | { param: string })[];
}

export function compilePattern(pattern: string): CompiledPattern {
  return {
    pattern,
    segments: pattern
      .split("/")
      .filter(Boolean)
      .map((segment) => (/^\{\w+\}$/.test(segment) ? { param: segment.slice(1, -1) } : { literal: segment.toLowerCase() })),
  };
}

/** The decoded segments of a path below /api/arm; a trailing slash is ignored, as ARM does. */
export function armPathSegments(pathname: string): string[] {
  const below = pathname.slice(ARM_PATH_PREFIX.length).replace(/\/+$/, "");
  const raw = below.split("/").slice(1);
  return raw.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw armRequestError("InvalidRequestUri", `The request URI is not valid: the path segment '${segment.slice(0, 100)}' has malformed percent-encoding.`);
    }
  });
}

/** The parameters when the segments fit the pattern (literals compared case-insensitively), else null. */
export function matchPattern(compiled: CompiledPattern, segments: string[]): Record<string, string> | null {
  if (compiled.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of compiled.segments.entries()) {
    const segment = segments[index];
    if ("literal" in part) {
      if (segment.toLowerCase() !== part.literal) return null;
    } else {
      if (!segment) return null;
      params[part.param] = segment;
    }
  }
  return params;
}

import "server-only";
import { armRequestError } from "./arm-error-codes";

const MAX_BODY_CHARS = 64 * 1024;

/**
 * The request body as a JSON object; anything else is InvalidRequestContent (400). With
 * `emptyIsObject`, an empty body counts as `{}` (an SDK may send none where every property is optional).
 */
export async function readArmJsonBody(request: Request, { emptyIsObject = false } = {}): Promise<Record<string, unknown>> {
  const text = await request.text();
  // Registration bodies are a few hundred bytes; refuse anything absurd before parsing it.
  if (text.length > MAX_BODY_CHARS) {
    throw armRequestError("InvalidRequestContent", `The request content is too large (at most ${MAX_BODY_CHARS} characters).`);
  }
  if (emptyIsObject && text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw armRequestError("InvalidRequestContent", "The request content was invalid and could not be deserialized: it is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw armRequestError("InvalidRequestContent", "The request content was invalid and could not be deserialized: expected a JSON object.");
  }
  return body as Record<string, unknown>;
}

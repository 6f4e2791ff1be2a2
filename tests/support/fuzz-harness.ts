// Serves a fuzzed Request the way Next does: the proxy's malformed-URL check first (it answers
// before any route), then the route handler. The whole body is read, so a stream that breaks
// after its headers fails the test instead of passing as a short answer.
import { findMalformedUrl, malformedUrlResponse } from "../../lib/http/find-malformed-url";

export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string;
  text: string;
}

export async function throughProxy(request: Request, handler: (request: Request) => Promise<Response> | Response): Promise<Answer> {
  const url = new URL(request.url);
  const malformed = findMalformedUrl(url);
  const response = malformed ? malformedUrlResponse(url, malformed) : await handler(request);
  const text = await response.text();
  return { method: request.method, url: request.url, status: response.status, contentType: response.headers.get("content-type") ?? "", text };
}

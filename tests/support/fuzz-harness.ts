// Serves a fuzzed Request the way Next does: the real proxy (proxy.ts) first, which may answer
// itself (a malformed URL, a foreign Origin), then the route handler with the headers the proxy
// passes on. The whole body is read, so a stream that breaks after its headers fails the test
// instead of passing as a short answer.
import { NextRequest } from "next/server";
import { proxy } from "../../proxy";

export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string;
  text: string;
}

export async function throughProxy(request: Request, handler: (request: Request) => Promise<Response> | Response): Promise<Answer> {
  const early = proxy(new NextRequest(request.clone()));
  const response = early.headers.get("x-middleware-next") === "1" ? await handler(request) : early;
  const text = await response.text();
  return { method: request.method, url: request.url, status: response.status, contentType: response.headers.get("content-type") ?? "", text };
}

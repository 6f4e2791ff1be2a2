import "server-only";
// One signed POST of an alert body to a webhook (sign-alert-payload.ts), as the deliveries and the
// "send a test event" button make it: no redirects followed, 10 s at most, the answer's status code
// or the error kept, never thrown.
import { ALERT_SIGNATURE_HEADER, signAlertPayload } from "./sign-alert-payload";

const TIMEOUT_MS = 10_000;

export async function postSignedAlertPayload(
  url: string,
  secret: string,
  body: string,
  now: Date,
  send: typeof fetch = fetch,
): Promise<{ statusCode: number | null; error: string | null }> {
  try {
    const response = await send(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [ALERT_SIGNATURE_HEADER]: signAlertPayload(secret, body, Math.floor(now.getTime() / 1000)),
        "user-agent": "Stackcenter-Alerts/1",
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "manual",
    });
    await response.body?.cancel().catch(() => undefined);
    return { statusCode: response.status, error: null };
  } catch (caught) {
    return { statusCode: null, error: (caught instanceof Error ? caught.message : String(caught)).slice(0, 500) };
  }
}

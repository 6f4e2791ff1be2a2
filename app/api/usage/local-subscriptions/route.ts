// PUT /api/usage/local-subscriptions: the stamp's local subscriptions and their owner tenants,
// synced by the collector before usage so the gateway can map tenant usage.
import { DomainError } from "@/lib/errors";
import { localSubscriptionsBodySchema, unsafeSyncLocalSubscriptions } from "@/lib/usage/unsafe-sync-local-subscriptions";
import { authenticateUsageRequest, readUsageJson, usageErrorFromException } from "@/lib/usage/read-usage-request";

export const dynamic = "force-dynamic";

export async function PUT(request: Request): Promise<Response> {
  try {
    const identity = await authenticateUsageRequest(request);
    if (identity instanceof Response) return identity;
    const parsed = localSubscriptionsBodySchema.safeParse(await readUsageJson(request));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError("InvalidRequestContent", `${issue.path.join(".") || "body"}: ${issue.message}`, { status: 400 });
    }
    const result = await unsafeSyncLocalSubscriptions(identity.registrationId, parsed.data, { ingestionKeyId: identity.keyId });
    return Response.json({ upserted: result.upserted });
  } catch (error) {
    return usageErrorFromException(error);
  }
}

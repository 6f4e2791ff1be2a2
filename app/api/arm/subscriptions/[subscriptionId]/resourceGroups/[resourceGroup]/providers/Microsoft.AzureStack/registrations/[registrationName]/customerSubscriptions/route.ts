// GET /api/arm/…/registrations/{name}/customerSubscriptions?api-version=2017-06-01[&$top=n][&$skipToken=n]
import { withArmHandler } from "@/lib/arm/with-arm-handler";
import { armJson } from "@/lib/arm/arm-response";
import { REGISTRATION_API_VERSIONS, type RegistrationPathParams } from "@/lib/arm/arm-shapes";
import { listCustomerSubscriptionResources } from "@/lib/arm/customer-subscription-resources";

export const dynamic = "force-dynamic";

export const GET = withArmHandler<RegistrationPathParams>({ apiVersions: REGISTRATION_API_VERSIONS }, async ({ scope, params, url }) =>
  armJson(await listCustomerSubscriptionResources(scope, params, url)),
);

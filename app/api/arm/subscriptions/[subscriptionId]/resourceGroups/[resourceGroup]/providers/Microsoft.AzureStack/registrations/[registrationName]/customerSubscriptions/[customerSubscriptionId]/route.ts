// PUT|GET|DELETE /api/arm/…/registrations/{name}/customerSubscriptions/{customerSubscriptionId}
import { withArmHandler, readArmJsonBody } from "@/lib/arm/with-arm-handler";
import { armJson, armNoContent } from "@/lib/arm/arm-response";
import { REGISTRATION_API_VERSIONS, type CustomerSubscriptionPathParams } from "@/lib/arm/arm-shapes";
import {
  deleteCustomerSubscriptionResource,
  getCustomerSubscriptionResource,
  putCustomerSubscriptionResource,
} from "@/lib/arm/customer-subscription-resources";

export const dynamic = "force-dynamic";

const options = { apiVersions: REGISTRATION_API_VERSIONS };

export const PUT = withArmHandler<CustomerSubscriptionPathParams>(options, async ({ request, scope, params }) => {
  const { status, resource } = await putCustomerSubscriptionResource(scope, params, await readArmJsonBody(request));
  return armJson(resource, status);
});

export const GET = withArmHandler<CustomerSubscriptionPathParams>(options, async ({ scope, params }) =>
  armJson(await getCustomerSubscriptionResource(scope, params)),
);

export const DELETE = withArmHandler<CustomerSubscriptionPathParams>(options, async ({ scope, params }) => {
  await deleteCustomerSubscriptionResource(scope, params);
  return armNoContent();
});

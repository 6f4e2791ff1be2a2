// GET|PUT /api/arm/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.AzureStack/registrations/{name}
import { withArmHandler, readArmJsonBody } from "@/lib/arm/with-arm-handler";
import { armJson } from "@/lib/arm/arm-response";
import { registrationRefOf, REGISTRATION_API_VERSIONS, type RegistrationPathParams } from "@/lib/arm/arm-shapes";
import { getRegistrationResource, putRegistrationResource } from "@/lib/arm/registration-resource";

export const dynamic = "force-dynamic";

const options = { apiVersions: REGISTRATION_API_VERSIONS };

export const GET = withArmHandler<RegistrationPathParams>(options, async ({ scope, params }) =>
  armJson(await getRegistrationResource(scope, registrationRefOf(params))),
);

export const PUT = withArmHandler<RegistrationPathParams>(options, async ({ request, scope, params }) => {
  const { status, resource } = await putRegistrationResource(scope, registrationRefOf(params), await readArmJsonBody(request));
  return armJson(resource, status);
});

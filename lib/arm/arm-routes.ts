// Every resource path the ARM-shaped API serves (below /api/arm), its methods and what each runs.
// One table: the request handler matches against it, and the OpenAPI document lists the same paths.
import "server-only";
import type { PartnerScope } from "../auth/partner-scope";
import { issueActivationKey } from "../registrations/issue-activation-key";
import { listRegistrationsAtArmScope } from "../registrations/list-registrations-at-arm-scope";
import type { ArmRegistrationRef } from "../registrations/registration-errors";
import { armJson, armNoContent } from "./arm-response";
import { compilePattern, type CompiledPattern, type HttpMethod } from "./arm-path";
import { nextLink, parsePage, registrationResource } from "./arm-shapes";
import {
  deleteCustomerSubscriptionResource,
  getCustomerSubscriptionResource,
  listCustomerSubscriptionResources,
  putCustomerSubscriptionResource,
} from "./customer-subscription-resources";
import { AZURE_STACK_OPERATIONS, getProductResource, listProductResources } from "./provider-resources";
import { deleteRegistrationResource, getRegistrationResource, patchRegistrationResource, putRegistrationResource } from "./registration-resource";
import { readArmJsonBody } from "./read-arm-json-body";
import { ARM_PATHS } from "./arm-route-patterns";

export interface ArmCall {
  request: Request;
  /** The request URL at the portal's public address (NEXTAUTH_URL): what nextLink is built from. */
  publicUrl: URL;
  params: Record<string, string>;
  scope: PartnerScope;
}

export type ArmHandler = (call: ArmCall) => Promise<Response>;

export interface ArmRoute extends CompiledPattern {
  methods: Partial<Record<HttpMethod, ArmHandler>>;
}

const refOf = (params: Record<string, string>): ArmRegistrationRef => ({
  subscriptionId: params.subscriptionId,
  resourceGroup: params.resourceGroup,
  name: params.registrationName,
});

const withStatus = (status: number) => (status === 204 ? armNoContent() : new Response(null, { status }));

async function listRegistrations({ scope, params, publicUrl }: ArmCall): Promise<Response> {
  const page = await listRegistrationsAtArmScope(scope, { subscriptionId: params.subscriptionId, resourceGroup: params.resourceGroup }, parsePage(publicUrl));
  return armJson({ value: page.rows.map(registrationResource), nextLink: nextLink(publicUrl, page.nextSkip) });
}

function route(pattern: string, methods: ArmRoute["methods"]): ArmRoute {
  return { ...compilePattern(pattern), methods };
}

export const ARM_ROUTES: ArmRoute[] = [
  route(ARM_PATHS.operations, { GET: async () => armJson({ value: AZURE_STACK_OPERATIONS }) }),
  route(ARM_PATHS.registrationsBySubscription, { GET: listRegistrations }),
  route(ARM_PATHS.registrations, { GET: listRegistrations }),
  route(ARM_PATHS.registration, {
    GET: async ({ scope, params }) => armJson(await getRegistrationResource(scope, refOf(params))),
    PUT: async ({ request, scope, params }) => {
      const { status, resource } = await putRegistrationResource(scope, refOf(params), await readArmJsonBody(request));
      return armJson(resource, status);
    },
    PATCH: async ({ request, scope, params }) => armJson(await patchRegistrationResource(scope, refOf(params), await readArmJsonBody(request))),
    DELETE: async ({ scope, params }) => withStatus(await deleteRegistrationResource(scope, refOf(params))),
  }),
  route(ARM_PATHS.activationKey, {
    POST: async ({ scope, params, publicUrl }) => armJson(await issueActivationKey(scope, refOf(params), publicUrl.origin)),
  }),
  route(ARM_PATHS.customerSubscriptions, {
    GET: async ({ scope, params, publicUrl }) => armJson(await listCustomerSubscriptionResources(scope, refOf(params), parsePage(publicUrl), publicUrl)),
  }),
  route(ARM_PATHS.customerSubscription, {
    GET: async ({ scope, params }) => armJson(await getCustomerSubscriptionResource(scope, refOf(params), params.customerSubscriptionId)),
    PUT: async ({ request, scope, params }) =>
      armJson(
        await putCustomerSubscriptionResource(scope, refOf(params), params.customerSubscriptionId, await readArmJsonBody(request, { emptyIsObject: true })),
      ),
    DELETE: async ({ scope, params }) => withStatus(await deleteCustomerSubscriptionResource(scope, refOf(params), params.customerSubscriptionId)),
  }),
  route(ARM_PATHS.products, { GET: async ({ scope, params }) => armJson(await listProductResources(scope, refOf(params))) }),
  route(ARM_PATHS.product, { GET: async ({ scope, params }) => getProductResource(scope, refOf(params), params.productName) }),
];

// The approval request the seed asks partners to email Microsoft: registration name, resource group
// and the subscription id used in the registration. Pure, so the UI can show it.
export const MULTI_TENANCY_MAILBOX = "azstCSP@microsoft.com";

export function multiTenancyRequestEmail(registration: { name: string; resourceGroup: string; subscriptionId: string; partnerName: string }): {
  to: string;
  subject: string;
  body: string;
} {
  return {
    to: MULTI_TENANCY_MAILBOX,
    subject: `Multi-tenancy approval request: ${registration.name}`,
    body: [
      `Please approve multi-tenancy for our Azure Stack Hub registration.`,
      ``,
      `Partner: ${registration.partnerName}`,
      `Registration name: ${registration.name}`,
      `Resource group: ${registration.resourceGroup}`,
      `Subscription ID: ${registration.subscriptionId}`,
    ].join("\n"),
  };
}

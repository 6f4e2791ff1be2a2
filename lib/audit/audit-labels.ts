// Human labels for the audit log: what each action code means, what a target type is called, and
// field names in before/after. The codes stay the log's data (filters, CSV); these are display only.
// Pure: shared by the page and its client components.

const ACTION_LABELS: Record<string, string> = {
  "apiToken.create": "API token created",
  "apiToken.revoke": "API token revoked",
  "customer.create": "Customer created",
  "customer.move": "Customer moved to another reseller",
  "customer.update": "Customer details changed",
  "billingSettings.update": "Invoice settings changed",
  "customerBillingProfile.update": "Customer billing profile changed",
  "customerCredit.create": "Credit or fee added",
  "customerCredit.revoke": "Credit or fee ended",
  "customerBudget.clear": "Budget cleared",
  "customerBudget.set": "Budget set",
  "ingestionKey.create": "Ingestion key created",
  "ingestionKey.revoke": "Ingestion key revoked",
  "invoice.adjustment": "Correction billed as an adjustment line",
  "invoice.send": "Invoice e-mailed",
  "invitation.accept": "Invitation accepted",
  "invitation.create": "User invited",
  "invitation.reissue": "Invitation link re-issued",
  "invitation.revoke": "Invitation revoked",
  "partner.onboardReseller": "Reseller onboarded",
  "partner.suspend": "Reseller suspended",
  "partner.resume": "Reseller resumed",
  "partner.setTenantId": "Directory tenant ID set",
  "period.autoClose": "Billing period closed automatically",
  "period.close": "Billing period closed",
  "price-list.import": "Price list imported",
  "rateCard.create": "Rate card created",
  "rateCard.version.create": "Rate card version added",
  "rateCard.version.replace": "Rate card version replaced",
  "reconciliation.import": "Microsoft recon file imported",
  "reconciliation.review": "Reconciliation marked reviewed",
  "reconciliation.tolerance": "Reconciliation tolerance changed",
  "registration.create": "Registration created",
  "registration.update": "Registration changed",
  "registration.delete": "Registration deleted",
  "registration.customerSubscription.add": "Customer tenant added to a registration",
  "registration.customerSubscription.remove": "Customer tenant removed from a registration",
  "registration.customerSubscription.replace": "Customer tenant's subscription replaced",
  "registration.multiTenancy.request": "Multi-tenancy approval requested",
  "registration.multiTenancy.approve": "Multi-tenancy approved",
  "registration.multiTenancy.reject": "Multi-tenancy rejected",
  "registration.reregister": "Registration re-registered",
  "registration.tags.update": "Registration tags changed",
  "subscription.create": "Subscription added",
  "usage.correct": "Usage corrected",
  "user.changeRole": "User's role changed",
  "user.deactivate": "User deactivated",
  "user.reactivate": "User reactivated",
};

const TARGET_LABELS: Record<string, string> = {
  ApiToken: "API token",
  AzureSubscription: "Subscription",
  Customer: "Customer",
  IngestionKey: "Ingestion key",
  Partner: "Partner",
  PriceListVersion: "Price list version",
  RateCard: "Rate card",
  ReconciliationImport: "Reconciliation",
  Registration: "Registration",
  User: "User",
  UserInvitation: "Invitation",
};

/** "rateCard.version.replace" → "Rate card version replaced"; an unknown code reads as words. */
export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? sentence(action.replace(/\./g, " "));
}

export function auditTargetLabel(targetType: string): string {
  return TARGET_LABELS[targetType] ?? sentence(targetType);
}

/** A before/after field name for people: "defaultMarkupPercent" → "Default markup percent". */
export function auditFieldLabel(key: string): string {
  return sentence(key.replace(/Ids?$/, (suffix) => (suffix === "Ids" ? "s" : "")));
}

function sentence(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

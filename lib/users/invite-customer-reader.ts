import "server-only";
// An admin agent invites a user of one of its customers (a customer reader: docs/customer-portal.md).
// The customer is looked up on the server within the caller's scope; the invitation belongs to the
// customer's own partner, which the caller must manage users of (a reseller: its own customers; a
// distributor: also its resellers' customers, as it manages their customers and users).
import { getPrisma } from "../db";
import type { PartnerScope } from "../auth/partner-scope";
import { getCustomer } from "../customers/get-customer";
import { assertManagesUsersOf } from "./managed-partner";
import { assertEmailFree, issueInvitation, type IssuedInvitation } from "./issue-invitation";
import type { InviteCustomerReaderInput } from "./user-schemas";

export async function inviteCustomerReader(scope: PartnerScope, input: InviteCustomerReaderInput): Promise<IssuedInvitation> {
  const customer = await getCustomer(scope, input.customerId);
  assertManagesUsersOf(scope, customer.partner.id);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    await assertEmailFree(tx, input.email, { field: "email" });
    return issueInvitation(tx, scope, {
      partnerId: customer.partner.id,
      email: input.email,
      displayName: input.displayName,
      role: "CUSTOMER_READER",
      customerId: customer.id,
    });
  });
}

import { requirePageScope } from "@/lib/auth/get-scope";
import { listPartnerUsers } from "@/lib/users/list-partner-users";
import { listInvitableCustomers } from "@/lib/users/list-invitable-customers";
import { PartnerUsersSection } from "@/components/users/partner-users-section";
import { PageHeader } from "@/components/ui/card";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const scope = await requirePageScope("users:manage");
  // users:manage is a partner role's permission, so partnerId is set; guard for the type.
  if (!scope.partnerId) return null;
  const [data, customers] = await Promise.all([listPartnerUsers(scope, scope.partnerId), listInvitableCustomers(scope, scope.partnerId)]);
  return (
    <>
      <PageHeader
        title="Users"
        description={
          <>
            The people of {scope.partnerName}. Invite someone with a one-time link, change roles, deactivate people who leave.
            {scope.resellers.length ? " Your resellers' users are on each reseller's page under Resellers." : ""}
          </>
        }
      />
      <PartnerUsersSection partnerId={scope.partnerId} data={data} customers={customers} />
    </>
  );
}

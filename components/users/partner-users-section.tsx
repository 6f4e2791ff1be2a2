import type { PartnerUsers } from "@/lib/users/list-partner-users";
import { Card } from "@/components/ui/card";
import { InvitationTable } from "./invitation-table";
import { InvitationsPanel } from "./invitations-panel";
import { InviteUserForm } from "./invite-user-form";
import { InviteCustomerReaderForm } from "./invite-customer-reader-form";
import { UserTable } from "./user-table";

/** One partner's users, pending invitations and the invite form (Settings → Users, a reseller's page). */
export function PartnerUsersSection({
  partnerId,
  data,
  customers,
}: {
  partnerId: string;
  data: PartnerUsers;
  customers: { id: string; companyName: string; domain: string }[];
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <UserTable rows={data.users} />
        <Card title="Pending invitations">
          <InvitationsPanel>
            <InvitationTable rows={data.invitations} />
          </InvitationsPanel>
        </Card>
      </div>
      <div className="space-y-6">
        <Card title="Invite a user">
          <InviteUserForm partnerId={partnerId} />
        </Card>
        <Card title="Invite a customer's user">
          <InviteCustomerReaderForm customers={customers} />
        </Card>
      </div>
    </div>
  );
}

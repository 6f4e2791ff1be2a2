import type { PartnerUsers } from "@/lib/users/list-partner-users";
import { Card } from "@/components/ui/card";
import { InvitationTable } from "./invitation-table";
import { InvitationsPanel } from "./invitations-panel";
import { InviteUserForm } from "./invite-user-form";
import { UserTable } from "./user-table";

/** One partner's users, pending invitations and the invite form (Settings → Users, a reseller's page). */
export function PartnerUsersSection({ partnerId, data }: { partnerId: string; data: PartnerUsers }) {
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
      <Card title="Invite a user">
        <InviteUserForm partnerId={partnerId} />
      </Card>
    </div>
  );
}

import { formatDate } from "@/lib/format/dates";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { PartnerInvitationRow } from "@/lib/users/list-partner-users";
import { Badge } from "@/components/ui/badge";
import { InvitationControls } from "./invitation-controls";

export function InvitationTable({ rows }: { rows: PartnerInvitationRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No pending invitations.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Pending invitations">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2">Invited</th>
            <th>Role</th>
            <th>Expires</th>
            <th className="text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((invitation) => (
            <tr key={invitation.id}>
              <td className="py-2">
                <span className="font-medium">{invitation.displayName}</span>
                <span className="block text-xs text-slate-500">{invitation.email}</span>
              </td>
              <td>
                {ROLE_LABELS[invitation.role]}
                {invitation.customer ? <span className="block text-xs text-slate-500">{invitation.customer.companyName}</span> : null}
              </td>
              <td>{invitation.state === "EXPIRED" ? <Badge tone="warning">Expired</Badge> : formatDate(invitation.expiresAt)}</td>
              <td className="py-2 text-right">
                <InvitationControls invitationId={invitation.id} email={invitation.email} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

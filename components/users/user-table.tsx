import { formatDateTime } from "@/lib/format/dates";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { PartnerUserRow } from "@/lib/users/list-partner-users";
import { Badge } from "@/components/ui/badge";
import { ChangeRoleControl } from "./change-role-control";
import { UserActiveControl } from "./user-active-control";

export function UserTable({ rows }: { rows: PartnerUserRow[] }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
        No users yet: they appear here once they accept their invitation.
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Users">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Name</th>
            <th className="px-4 py-2.5">Role</th>
            <th className="px-4 py-2.5">Status</th>
            <th className="px-4 py-2.5">Last sign-in</th>
            <th className="px-4 py-2.5 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((user) => (
            <tr key={user.id} className={user.active ? undefined : "text-slate-500"}>
              <td className="px-4 py-2.5">
                <span className="font-medium">{user.displayName}</span>
                {user.isSelf ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
                <span className="block text-xs text-slate-500">{user.email}</span>
              </td>
              <td className="px-4 py-2.5">
                {user.isSelf || user.customer ? ROLE_LABELS[user.role] : <ChangeRoleControl userId={user.id} name={user.displayName} role={user.role} />}
                {user.customer ? <span className="block text-xs text-slate-500">{user.customer.companyName}</span> : null}
                {user.isLastActiveAdmin ? <span className="block text-xs text-slate-500">Last active admin agent</span> : null}
              </td>
              <td className="px-4 py-2.5">{user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}</td>
              <td className="px-4 py-2.5">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}</td>
              <td className="px-4 py-2.5 text-right">
                {user.isSelf ? null : <UserActiveControl userId={user.id} name={user.displayName} active={user.active} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// A registration's ingestion keys (registration page): what the stamp's usage collector sends as
// `Authorization: Bearer scik_…`. Admin agents only; others don't see the card at all.
import { formatDateTime } from "@/lib/format/dates";
import type { IngestionKeyRow } from "@/lib/usage/ingestion-keys/manage-ingestion-keys";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { CreateIngestionKeyForm, RevokeIngestionKeyButton } from "./ingestion-key-controls";

const when = (date: Date) => formatDateTime(date);

/** The page loads the keys (only for who may change the registration) and passes them. */
export function IngestionKeysCard({ registrationId, keys }: { registrationId: string; keys: IngestionKeyRow[] }) {
  return (
    <Card title={`Usage ingestion keys (${keys.filter((k) => !k.revokedAt).length} active)`}>
      <div className="space-y-5">
        <p className="text-sm text-slate-600">
          The stamp&apos;s usage collector posts hourly usage to <code className="font-mono text-xs">POST /api/usage/ingest</code> with one of these keys. A key
          can only report usage for this registration.
        </p>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-500">No keys yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2">Name</th>
                <th className="py-2">Key</th>
                <th className="py-2">Last used</th>
                <th className="py-2">Status</th>
                <th className="py-2 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => (
                <tr key={key.id} className={key.revokedAt ? "text-slate-500" : undefined}>
                  <td className="py-2 font-medium">{key.name}</td>
                  <td className="py-2 font-mono text-xs">{key.prefix}…</td>
                  <td className="py-2">{key.lastUsedAt ? when(key.lastUsedAt) : "Never"}</td>
                  <td className="py-2">{key.revokedAt ? <Badge tone="neutral">Revoked</Badge> : <Badge tone="success">Active</Badge>}</td>
                  <td className="py-2 text-right">
                    {key.revokedAt ? null : <RevokeIngestionKeyButton registrationId={registrationId} keyId={key.id} name={key.name} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="border-t border-slate-100 pt-5">
          <CreateIngestionKeyForm registrationId={registrationId} />
        </div>
      </div>
    </Card>
  );
}

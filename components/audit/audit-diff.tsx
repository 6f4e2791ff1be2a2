// Before/after of an audit event as a key-by-key table, changed keys highlighted. Values are shown
// as JSON text (never as HTML), so whatever a user typed into a record renders inert.
import { auditFieldLabel } from "@/lib/audit/audit-labels";

type Json = unknown;

function asObject(value: Json): Record<string, Json> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Json>) : null;
}

function show(value: Json, names: Record<string, string> = {}): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return names[value] ?? value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.map((item: string) => names[item] ?? item).join(", ");
  return JSON.stringify(value);
}

/** `names`: ids the values mention, shown by name (a value is still shown as is when unnamed). */
export function AuditDiff({ before, after, names = {} }: { before: Json; after: Json; names?: Record<string, string> }) {
  const beforeObject = asObject(before);
  const afterObject = asObject(after);
  if (before == null && after == null) return <p className="text-xs text-slate-500">No details recorded.</p>;
  if ((before != null && !beforeObject) || (after != null && !afterObject)) {
    return (
      <pre className="whitespace-pre-wrap break-all text-xs">
        {before != null ? `before: ${show(before)}\n` : ""}
        {after != null ? `after: ${show(after)}` : ""}
      </pre>
    );
  }
  const keys = [...new Set([...Object.keys(beforeObject ?? {}), ...Object.keys(afterObject ?? {})])];
  return (
    <table className="w-full text-left text-xs">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Field</th>
          <th className="py-1 pr-3 font-medium">Before</th>
          <th className="py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const from = beforeObject?.[key];
          const to = afterObject?.[key];
          const changed = JSON.stringify(from) !== JSON.stringify(to);
          return (
            <tr key={key} className={changed && beforeObject && afterObject ? "bg-amber-50" : undefined}>
              <td className="py-1 pr-3" title={key}>
                {auditFieldLabel(key)}
              </td>
              <td className="break-all py-1 pr-3">{beforeObject ? show(from, names) : "—"}</td>
              <td className="break-all py-1">{afterObject ? show(to, names) : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// Billing period picker: a plain GET form, so the period lives in the URL (shareable, back button).
// With `format`, it also picks the recon file's column set for the page's download links.
import type { ReconFormat } from "@/lib/recon/recon-formats";

export function PeriodPicker({ period, periods, action, format }: { period: string; periods: string[]; action: string; format?: ReconFormat }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2">
      <label className="text-sm text-slate-700">
        <span className="block text-xs text-slate-500">Billing period</span>
        <select name="period" defaultValue={period} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" data-testid="period-select">
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
              {p === periods[0] ? " (open)" : ""}
            </option>
          ))}
        </select>
      </label>
      {format ? (
        <label className="text-sm text-slate-700">
          <span className="block text-xs text-slate-500">Recon file columns</span>
          <select name="format" defaultValue={format} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" data-testid="format-select">
            <option value="modern">Daily-rated usage (current)</option>
            <option value="legacy">Legacy usage-based</option>
          </select>
        </label>
      ) : null}
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Show
      </button>
    </form>
  );
}

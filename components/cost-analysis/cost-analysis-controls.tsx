"use client";
// The cost analysis's view controls: range (months), granularity, grouping, comparison.
import { MAX_COST_ANALYSIS_MONTHS, monthsBetween, shiftMonth, type CostAnalysisQuery, type CostGroup } from "@/lib/cost-analysis/cost-analysis-query";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The open month and the 24 before it, newest first. */
function monthOptions(): string[] {
  const current = new Date().toISOString().slice(0, 7);
  return Array.from({ length: 25 }, (_, index) => shiftMonth(current, -index));
}

function MonthSelect({
  label,
  months,
  value,
  onChange,
  testId,
}: {
  label: string;
  months: string[];
  value: string;
  onChange: (month: string) => void;
  testId: string;
}) {
  return (
    <label className="text-sm">
      <span className="block text-xs text-slate-500">{label}</span>
      <select className={selectClass} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {months.map((month) => (
          <option key={month} value={month}>
            {month}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CostAnalysisControls({
  query,
  groups,
  onChange,
  labelOf,
}: {
  query: CostAnalysisQuery;
  groups: readonly CostGroup[];
  onChange: (query: CostAnalysisQuery) => void;
  labelOf: (group: CostGroup) => string;
}) {
  const months = monthOptions();
  if (!months.includes(query.from)) months.push(query.from);
  if (!months.includes(query.to)) months.push(query.to);
  // A range change keeps within the 13-month limit by moving the other end along.
  const setFrom = (from: string) => {
    const to = from > query.to ? from : monthsBetween(from, query.to) > MAX_COST_ANALYSIS_MONTHS ? shiftMonth(from, MAX_COST_ANALYSIS_MONTHS - 1) : query.to;
    onChange({ ...query, from, to });
  };
  const setTo = (to: string) => {
    const from = to < query.from ? to : monthsBetween(query.from, to) > MAX_COST_ANALYSIS_MONTHS ? shiftMonth(to, -(MAX_COST_ANALYSIS_MONTHS - 1)) : query.from;
    onChange({ ...query, from, to });
  };
  return (
    <div className="flex flex-wrap items-end gap-4" role="group" aria-label="Cost analysis view">
      <MonthSelect label="From" months={months} value={query.from} onChange={setFrom} testId="cost-from" />
      <MonthSelect label="To" months={months} value={query.to} onChange={setTo} testId="cost-to" />
      <label className="text-sm">
        <span className="block text-xs text-slate-500">Granularity</span>
        <select
          className={selectClass}
          value={query.granularity}
          onChange={(event) => onChange({ ...query, granularity: event.target.value === "monthly" ? "monthly" : "daily" })}
        >
          <option value="daily">Daily</option>
          <option value="monthly">Monthly</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs text-slate-500">Group by</span>
        <select
          className={selectClass}
          value={query.groupBy}
          onChange={(event) => onChange({ ...query, groupBy: groups.find((group) => group === event.target.value) ?? query.groupBy })}
        >
          {groups.map((group) => (
            <option key={group} value={group}>
              {labelOf(group)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs text-slate-500">Compare with</span>
        <select
          className={selectClass}
          value={query.compare}
          onChange={(event) =>
            onChange({ ...query, compare: event.target.value === "previous" ? "previous" : event.target.value === "year" ? "year" : "none" })
          }
        >
          <option value="none">Nothing</option>
          <option value="previous">Previous period</option>
          <option value="year">Same period a year before</option>
        </select>
      </label>
    </div>
  );
}

import type { ImportFailure } from "@/lib/pricing/import-protocol";

/** Rows listed on screen; the server already caps the list it sends and counts the rest. */
const SHOWN = 25;

export function ImportProblems({ error }: { error: ImportFailure }) {
  const problems = error.details?.problems ?? [];
  const hidden = (error.details?.problemCount ?? problems.length) - Math.min(problems.length, SHOWN);
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-medium">{error.message}</p>
      <p className="text-xs text-red-700">Code: {error.code}</p>
      {problems.length > 0 ? (
        <table className="w-full text-left text-xs" aria-label="Problems">
          <thead>
            <tr>
              <th className="py-1 pr-3">Line</th>
              <th className="py-1 pr-3">Column</th>
              <th className="py-1">Reason</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN).map((problem, index) => (
              <tr key={`${problem.line}-${problem.column}-${index}`} className="align-top">
                <td className="py-0.5 pr-3 tabular-nums">{problem.line}</td>
                <td className="py-0.5 pr-3 font-mono">{problem.column ?? "—"}</td>
                <td className="py-0.5">{problem.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hidden > 0 ? <p className="text-xs">…and {hidden.toLocaleString("en-US")} more problems.</p> : null}
    </div>
  );
}

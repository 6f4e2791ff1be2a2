// A connected stamp's collection health (registration page): what a partner watches to know the
// stamp's usage (its revenue) is arriving. Data comes from the page (getStampConnection).
import { formatDistanceStrict } from "date-fns";
import type { StampConnectionView } from "@/lib/stamps/get-stamp-connection";
import { stampProblem, stampSilenceHours } from "@/lib/stamps/stamp-silence";

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function StampHealth({ connection, now = new Date() }: { connection: StampConnectionView; now?: Date }) {
  const problem = stampProblem(connection, now);
  const lag = connection.newestUsageHour ? formatDistanceStrict(new Date(connection.newestUsageHour.getTime() + 3_600_000), now) : null;
  return (
    <div data-testid="stamp-health" data-problem={problem ?? "none"} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
      {problem ? (
        <p role="alert" className="font-medium text-red-700">
          {problem === "failing" ? "The last collection failed." : `No usage for more than ${stampSilenceHours()} hours.`}
        </p>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-500">Last successful pull</dt>
        <dd data-testid="stamp-last-success">{connection.lastSuccessAt ? utc(connection.lastSuccessAt) : "Never"}</dd>
        <dt className="text-slate-500">Newest usage hour</dt>
        <dd data-testid="stamp-newest-hour">{connection.newestUsageHour ? `${utc(connection.newestUsageHour)} (${lag} behind)` : "None yet"}</dd>
        <dt className="text-slate-500">Records, last 24 h</dt>
        <dd>{connection.recordsLast24h.toLocaleString("en-US")}</dd>
        {connection.lastErrorAt ? (
          <>
            <dt className="text-slate-500">Last error</dt>
            <dd data-testid="stamp-last-error" className="break-all text-red-700">
              {utc(connection.lastErrorAt)}: {connection.lastError}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

// The dashboard's warning: connected stamps whose usage stopped arriving or whose pulls fail.
import Link from "next/link";
import type { StampProblem } from "@/lib/stamps/list-stamp-problems";
import { Card } from "@/components/ui/card";

export function StampProblemsCard({ problems }: { problems: StampProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="mt-6" data-testid="stamp-problems">
      <Card title={`Stamps needing attention (${problems.length})`}>
        <ul className="divide-y divide-slate-100 text-sm">
          {problems.map((problem) => (
            <li key={problem.registrationId} className="py-2">
              <Link href={`/registrations/${problem.registrationId}`} className="font-medium text-brand-700 hover:underline">
                {problem.stampName}
              </Link>{" "}
              <span role="alert" className="text-red-700">
                {problem.problem === "failing" ? `collection fails: ${problem.lastError ?? "unknown error"}` : "has sent no usage recently"}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

// Every error code of the registration service with what it means and what to do: seed 000's
// "Usage and billing error codes" table, in the portal's words (REGISTRATION_ERROR_HELP).
import { REGISTRATION_ERROR_CODES, REGISTRATION_ERROR_HELP, REGISTRATION_ERROR_STATUS } from "@/lib/registrations/registration-errors";
import { Card } from "@/components/ui/card";

export function ErrorCodeHelpPanel() {
  const codes = Object.values(REGISTRATION_ERROR_CODES);
  return (
    <Card title="Registration error codes">
      <p className="mb-4 text-sm text-slate-600">
        Adding, verifying or removing customer tenants can fail with these codes, here and in the ARM API alike. A failed call changes nothing.
      </p>
      <dl className="divide-y divide-slate-100" aria-label="Registration error codes">
        {codes.map((code) => (
          <div key={code} id={`error-code-${code}`} className="grid gap-1 py-3 text-sm target:bg-amber-50 md:grid-cols-[19rem_1fr]">
            <dt>
              <span className="font-mono text-xs font-semibold text-slate-900">{code}</span>
              <span className="block text-xs text-slate-500">HTTP {REGISTRATION_ERROR_STATUS[code]}</span>
            </dt>
            <dd className="space-y-1 text-slate-700">
              <p>
                <span className="font-medium text-slate-900">When: </span>
                {REGISTRATION_ERROR_HELP[code].when}
              </p>
              <p>
                <span className="font-medium text-slate-900">Fix: </span>
                {REGISTRATION_ERROR_HELP[code].fix}
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

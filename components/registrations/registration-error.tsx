// An action error, explained: the service's exact code and message, and for the registration
// service's seed codes what it means and what to do (REGISTRATION_ERROR_HELP, as seed 000 does).
import type { ActionError } from "@/lib/actions/action-result";
import { REGISTRATION_ERROR_HELP, type RegistrationErrorCode } from "@/lib/registrations/registration-errors";

function isRegistrationErrorCode(code: string): code is RegistrationErrorCode {
  return Object.hasOwn(REGISTRATION_ERROR_HELP, code);
}

export function RegistrationError({ error }: { error: ActionError | null }) {
  if (!error) return null;
  const help = isRegistrationErrorCode(error.code) ? REGISTRATION_ERROR_HELP[error.code] : null;
  return (
    <div
      role="alert"
      data-testid="registration-error"
      data-code={error.code}
      className="space-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <p className="font-mono text-xs font-semibold">{error.code}</p>
      <p className="font-medium">{error.message}</p>
      {help ? (
        <dl className="grid gap-x-2 text-xs text-red-900 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">What it means</dt>
          <dd>{help.when}</dd>
          <dt className="font-semibold">What to do</dt>
          <dd>
            {help.fix}{" "}
            <a href={`#error-code-${error.code}`} className="underline">
              More on error codes
            </a>
          </dd>
        </dl>
      ) : null}
    </div>
  );
}

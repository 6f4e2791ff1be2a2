// How the recon file's lines are cut, stated where partners download it (docs/recon.md "Lines").

/** The line grain of the recon file, including usage that arrived late and was re-dated. */
export function ReconLineRule() {
  return (
    <p className="mt-6 text-xs text-slate-500" data-testid="recon-line-rule">
      One line per Azure subscription, commerce meter, resource and usage day, each rounded down to the cent once. Usage that reaches the portal after its day
      closed is billed on the day it arrives (UsageDate) and keeps its original time in AdditionalInfo&apos;s <code>azureStack.EventDateTime</code>; late usage
      from different original days stays on separate lines, as Azure keeps usage with different instance data apart. EventDateTime is the line&apos;s first
      original hour.
    </p>
  );
}

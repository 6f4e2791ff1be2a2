export function StackcenterLogo({ inverted = false }: { inverted?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-2 text-lg font-semibold ${inverted ? "text-white" : "text-slate-900"}`}>
      <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true">
        <rect x="2" y="3" width="24" height="6" rx="1.5" fill={inverted ? "#deecf9" : "#0078d4"} />
        <rect x="2" y="11" width="24" height="6" rx="1.5" fill={inverted ? "#9fc9ee" : "#106ebe"} />
        <rect x="2" y="19" width="24" height="6" rx="1.5" fill={inverted ? "#5ea7e4" : "#005a9e"} />
      </svg>
      Stackcenter
    </span>
  );
}

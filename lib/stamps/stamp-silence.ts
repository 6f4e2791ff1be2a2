// When a connected stamp counts as silent (revenue not being collected): its newest usage hour is
// older than STAMP_SILENCE_HOURS (default 6), or its last pull failed after its last success.
// Pure (no "server-only"): the dashboard list and the registration card use the same rule.
export function stampSilenceHours(): number {
  const hours = Number(process.env.STAMP_SILENCE_HOURS ?? "6");
  return Number.isFinite(hours) && hours > 0 ? hours : 6;
}

export interface StampHealthFacts {
  newestUsageHour: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
}

export function stampProblem(health: StampHealthFacts, now = new Date()): "failing" | "silent" | null {
  if (health.lastErrorAt && (!health.lastSuccessAt || health.lastErrorAt > health.lastSuccessAt)) return "failing";
  const newest = health.newestUsageHour?.getTime() ?? 0;
  // The hour that started at `newest` ends an hour later; silence counts from then.
  if (now.getTime() - (newest + 3_600_000) > stampSilenceHours() * 3_600_000) return "silent";
  return null;
}

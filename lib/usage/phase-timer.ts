// Where an ingest request spends its time, phase by phase, answered in a Server-Timing header
// (https://www.w3.org/TR/server-timing/) so `npm run bench:ingest` and browser dev tools can show
// the breakdown of real requests. Durations only: nothing about the data. Pure.

export class PhaseTimer {
  readonly phases: { name: string; ms: number }[] = [];
  private last = performance.now();

  /** Records the time since the previous lap (or the timer's creation) under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.phases.push({ name, ms: now - this.last });
    this.last = now;
  }

  /** Like lap, but the elapsed time is split: `ms` of it under `part`, the rest under `rest` (overlapping work). */
  split(part: string, ms: number, rest: string): void {
    const now = performance.now();
    this.phases.push({ name: part, ms }, { name: rest, ms: Math.max(0, now - this.last - ms) });
    this.last = now;
  }

  /** `read;dur=1.2, parse;dur=3.4` (a phase lapped twice appears twice; readers add them up). */
  header(): string {
    return this.phases.map((phase) => `${phase.name};dur=${phase.ms.toFixed(1)}`).join(", ");
  }
}

/** Parses a Server-Timing header back into phase → milliseconds (summing repeats). */
export function parseServerTiming(header: string | null): Map<string, number> {
  const phases = new Map<string, number>();
  for (const entry of (header ?? "").split(",")) {
    const [name, ...params] = entry.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    if (!name || !dur) continue;
    phases.set(name, (phases.get(name) ?? 0) + Number(dur.slice(4)));
  }
  return phases;
}

// Runs a whole transaction again when PostgreSQL gave it up for a conflict it can resolve by
// itself: a deadlock (40P01) or a serialization failure (40001). Such a transaction changed
// nothing, so running it again is safe; the caller gets an answer instead of a 5xx. No
// "server-only": the ingest path is also run by scripts and benchmarks.
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 4;

export function isRetryableConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

export async function withConflictRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
      // A short, growing, jittered pause so the two transactions don't collide again at once.
      await new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.random() * 40)));
    }
  }
}

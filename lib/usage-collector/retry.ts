// Bounded exponential backoff for the collector's HTTP calls. Transient failures (503/502/504/429,
// 500 and network errors such as a refused connection while the portal restarts) are retried;
// anything else is the caller's problem and surfaces at once.

export interface RetryPolicy {
  /** Attempts in all, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure worth retrying: the caller throws it for transient HTTP statuses. */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "TransientError";
  }
}

export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** fetch() rejects with a TypeError for network failures (refused, reset): those are transient too. */
function isTransient(error: unknown): boolean {
  return error instanceof TransientError || error instanceof TypeError;
}

/** Delay before retry number `attempt` (1-based): base × 2^(attempt-1), capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export async function withRetry<T>(
  what: string,
  policy: RetryPolicy,
  sleep: Sleep,
  run: () => Promise<T>,
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isTransient(error) || attempt >= policy.maxAttempts) {
        if (isTransient(error)) throw new Error(`${what}: gave up after ${attempt} attempts: ${(error as Error).message}`, { cause: error });
        throw error;
      }
      const delay = backoffDelay(policy, attempt);
      onRetry?.(attempt, delay, error);
      await sleep(delay);
    }
  }
}

import "server-only";

// Sign-in throttling. Every attempt is counted before its password is checked (so a burst of
// parallel attempts can't all slip through) against three keys, each with its own allowance; past
// it, each further attempt must wait a delay that doubles. Nothing locks an account: the stricter
// keys are tied to the client's address, and the account-wide key only slows down (short cap), so
// a stranger's failures elsewhere never stop the owner's correct password for long.
//   - account-ip: one email from one address. Guessing one password from one place.
//   - ip: every email from one address. Trying one password against many accounts.
//   - account: one email from every address. Guessing spread over many addresses.
// A correct password clears account-ip and takes its own attempt back from the other two.
export type ThrottleKind = "account-ip" | "ip" | "account";

export interface ThrottleRule {
  /** Attempts that never wait. */
  freeAttempts: number;
  /** The wait after the last free attempt; doubles with each further one, up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const SIGN_IN_THROTTLE_RULES: Record<ThrottleKind, ThrottleRule> = {
  "account-ip": { freeAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 },
  // Generous: one office or VPN exit address carries many users, and a success gives its attempt back.
  ip: { freeAttempts: 50, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 },
  account: { freeAttempts: 10, baseDelaySeconds: 1, maxDelaySeconds: 30 },
};

/** A key with no attempt for this long starts again from zero. */
export const SIGN_IN_THROTTLE_FORGET_AFTER_MS = 60 * 60_000;

export function throttleKey(kind: ThrottleKind, email: string, ip: string): string {
  const account = email.trim().toLowerCase();
  if (kind === "account-ip") return `account-ip:${account}|${ip}`;
  return kind === "ip" ? `ip:${ip}` : `account:${account}`;
}

export function throttleKindOf(key: string): ThrottleKind {
  return key.startsWith("account-ip:") ? "account-ip" : key.startsWith("ip:") ? "ip" : "account";
}

/** How long the next attempt must wait once `attempts` have been counted. */
export function throttleDelaySeconds(kind: ThrottleKind, attempts: number): number {
  const rule = SIGN_IN_THROTTLE_RULES[kind];
  if (attempts < rule.freeAttempts) return 0;
  return Math.min(rule.maxDelaySeconds, rule.baseDelaySeconds * 2 ** Math.min(attempts - rule.freeAttempts, 30));
}

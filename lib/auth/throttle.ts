/**
 * Throttling of failed credential checks (sign-in form and bearer tokens), per client.
 * A client may fail FREE_FAILURES times; each further failure locks it out for twice as long as the last
 * (1 s, 2 s, 4 s … up to MAX_LOCK_S). While locked out every attempt is refused without being checked,
 * so guessing stays slow even for a client that keeps trying. A success clears the client's record.
 * Clients are keyed by socket address (lib/http/client-address), which a client cannot choose. There is
 * no overall lock: the admin token has at least 24 characters, so guessing from many addresses buys
 * nothing, while a global lock would let anyone refuse everyone the correct token.
 */
export interface ThrottleOptions {
  freeFailures: number;
  maxLockMs: number;
  /** Failures are forgotten after this long without a new one. */
  forgetAfterMs: number;
  /** At most this many clients are remembered (oldest forgotten first). */
  maxClients: number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `key` may try now. */
  check(key: string): ThrottleVerdict {
    const entry = this.current(key);
    const now = this.now();
    if (!entry || entry.lockedUntil <= now) return { allowed: true };
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)) };
  }

  recordFailure(key: string): void {
    const now = this.now();
    const entry = this.current(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
    entry.failures += 1;
    entry.lastFailure = now;
    const over = entry.failures - this.options.freeFailures;
    if (over > 0) entry.lockedUntil = now + Math.min(this.options.maxLockMs, 1000 * 2 ** Math.min(over - 1, 30));
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxClients) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.lockedUntil <= this.now() && this.now() - entry.lastFailure > this.options.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

export function createCredentialThrottle(now: () => number = Date.now): FailureThrottle {
  return new FailureThrottle({ freeFailures: 5, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000, maxClients: 10_000 }, now);
}

export function tryAgainMessage(retryAfterS: number): string {
  return `Too many failed attempts: try again in ${retryAfterS} s.`;
}

import { backoffDelayMs, sleep, type BackoffOptions } from './backoff';

export interface RetryDecision {
  retry: boolean;
  /** How long the server asked to wait, when it did. */
  retryAfterMs?: number;
}

export interface RetryOptions {
  maxRetries: number;
  backoff: BackoffOptions;
  classify(error: unknown): RetryDecision;
  signal?: AbortSignal;
  random?: () => number;
}

/** The last error of an attempt that was given up, with how many retries were spent on it. */
export class RetriesExhaustedError extends Error {
  override name = 'RetriesExhaustedError';
  constructor(
    readonly lastError: unknown,
    readonly retries: number,
  ) {
    super(lastError instanceof Error ? lastError.message : String(lastError));
  }
}

/**
 * Runs `attempt` until it succeeds, retrying errors that `classify` calls retryable with exponential
 * backoff and jitter (honouring the server's Retry-After). Gives up with RetriesExhaustedError.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; retries: number }> {
  for (let retries = 0; ; retries += 1) {
    try {
      return { value: await attempt(), retries };
    } catch (error) {
      const decision = options.signal?.aborted ? { retry: false } : options.classify(error);
      if (!decision.retry || retries >= options.maxRetries) throw new RetriesExhaustedError(error, retries);
      const delay = backoffDelayMs(retries + 1, options.backoff, decision.retryAfterMs, options.random);
      await sleep(delay, options.signal);
    }
  }
}

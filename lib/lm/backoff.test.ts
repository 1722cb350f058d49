import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfter, RETRY_AFTER_CAP_MS } from './backoff';
import { RetriesExhaustedError, withRetries } from './retry';

const options = { baseMs: 100, maxMs: 1000 };

describe('backoff', () => {
  it('grows exponentially with jitter between half and all of the ceiling, capped', () => {
    expect(backoffDelayMs(1, options, undefined, () => 0)).toBe(50);
    expect(backoffDelayMs(1, options, undefined, () => 0.999)).toBe(100);
    expect(backoffDelayMs(3, options, undefined, () => 0)).toBe(200);
    expect(backoffDelayMs(3, options, undefined, () => 1)).toBe(400);
    expect(backoffDelayMs(10, options, undefined, () => 1)).toBe(1000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, options)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('waits at least what Retry-After asks, up to a cap', () => {
    expect(backoffDelayMs(1, options, 3000, () => 0)).toBe(3000);
    expect(backoffDelayMs(5, options, 10, () => 1)).toBe(1000);
    expect(backoffDelayMs(1, options, 10 * 60_000, () => 0)).toBe(RETRY_AFTER_CAP_MS);
  });

  it('parses retry-after-ms, Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({}))).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('withRetries', () => {
  const fast = { baseMs: 1, maxMs: 2 };

  it('retries retryable errors and counts the retries', async () => {
    let attempts = 0;
    const result = await withRetries(
      async () => {
        attempts += 1;
        if (attempts < 4) throw new Error('flaky');
        return 'ok';
      },
      { maxRetries: 5, backoff: fast, classify: () => ({ retry: true }) },
    );
    expect(result).toEqual({ value: 'ok', retries: 3 });
  });

  it('gives up on non-retryable errors at once and after maxRetries otherwise', async () => {
    const fatal = withRetries(() => Promise.reject(new Error('bad request')), {
      maxRetries: 5,
      backoff: fast,
      classify: () => ({ retry: false }),
    });
    await expect(fatal).rejects.toMatchObject({ retries: 0, message: 'bad request' });
    const exhausted = withRetries(() => Promise.reject(new Error('down')), {
      maxRetries: 3,
      backoff: fast,
      classify: () => ({ retry: true }),
    });
    await expect(exhausted).rejects.toBeInstanceOf(RetriesExhaustedError);
    await expect(exhausted).rejects.toMatchObject({ retries: 3 });
  });

  it('honours the Retry-After the classifier reports', async () => {
    let attempts = 0;
    const started = Date.now();
    await withRetries(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('429');
      },
      { maxRetries: 1, backoff: fast, classify: () => ({ retry: true, retryAfterMs: 120 }) },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });
});

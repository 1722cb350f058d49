import { describe, expect, it } from 'vitest';
import { createCredentialThrottle, tryAgainMessage } from './throttle';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('credential throttle', () => {
  it('allows a few failures, then locks the client out for growing periods', () => {
    const time = clock();
    const throttle = createCredentialThrottle(time.now);
    for (let i = 0; i < 5; i += 1) {
      expect(throttle.check('10.0.0.1').allowed).toBe(true);
      throttle.recordFailure('10.0.0.1');
    }
    expect(throttle.check('10.0.0.1')).toEqual({ allowed: true });
    throttle.recordFailure('10.0.0.1');
    expect(throttle.check('10.0.0.1')).toEqual({ allowed: false, retryAfterS: 1 });
    time.advance(1000);
    throttle.recordFailure('10.0.0.1');
    expect(throttle.check('10.0.0.1')).toEqual({ allowed: false, retryAfterS: 2 });
    time.advance(2000);
    throttle.recordFailure('10.0.0.1');
    expect(throttle.check('10.0.0.1')).toEqual({ allowed: false, retryAfterS: 4 });
    // Other clients are not affected.
    expect(throttle.check('10.0.0.2').allowed).toBe(true);
  });

  it('counts 1,000 guesses as at most a handful of checks per locked period', () => {
    const time = clock();
    const throttle = createCredentialThrottle(time.now);
    let checked = 0;
    for (let i = 0; i < 1000; i += 1) {
      if (throttle.check('guesser').allowed) {
        checked += 1;
        throttle.recordFailure('guesser');
      }
      time.advance(10);
    }
    // 10 s of guessing: 5 free guesses, then locks of 1, 2, 4 s.
    expect(checked).toBeLessThanOrEqual(9);
  });

  it('forgets a client after a success', () => {
    const time = clock();
    const throttle = createCredentialThrottle(time.now);
    for (let i = 0; i < 5; i += 1) throttle.recordFailure('a');
    throttle.recordSuccess('a');
    throttle.recordFailure('a');
    expect(throttle.check('a').allowed).toBe(true);
  });

  it('never locks out a client because of other clients\' failures', () => {
    const time = clock();
    const throttle = createCredentialThrottle(time.now);
    for (let i = 0; i < 1000; i += 1) throttle.recordFailure(`198.51.100.${i % 250}`);
    expect(throttle.check('203.0.113.9').allowed).toBe(true);
  });

  it('says when to try again', () => {
    expect(tryAgainMessage(7)).toBe('Too many failed attempts: try again in 7 s.');
  });
});

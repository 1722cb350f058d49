import { describe, expect, test } from 'vitest';
import { REALISTIC_LATENCY } from '@/lib/scripted-model/quirks';
import { UsageError } from '../command';
import { quirksFrom } from './serve-scripted-lm';

describe('stop serve-scripted-lm quirk options', () => {
  test('none given: a well-behaved server', () => {
    expect(quirksFrom({})).toEqual({});
  });

  test('each option switches on its quirk', () => {
    expect(
      quirksFrom({
        n: 'ignore',
        'reasoning-model': true,
        'context-window': '4096',
        'requests-per-minute': '30',
        'tokens-per-minute': '20000',
        'realistic-latency': true,
        'time-scale': '0.05',
      }),
    ).toEqual({
      n: 'ignore',
      reasoningModel: true,
      contextWindow: 4096,
      rateLimit: { requestsPerMinute: 30, tokensPerMinute: 20000 },
      latency: { ...REALISTIC_LATENCY, timeScale: 0.05 },
    });
  });

  test.each([
    [{ n: 'sometimes' }, /--n must be one of native, ignore, reject/],
    [{ 'context-window': '-5' }, /--context-window must be a whole number ≥ 1/],
    [{ 'requests-per-minute': 'lots' }, /--requests-per-minute must be a whole number/],
    [{ 'realistic-latency': true, 'time-scale': '0' }, /--time-scale must be above 0/],
    [{ 'time-scale': '0.5' }, /--time-scale applies to --realistic-latency/],
  ])('%o is refused with a clear message', (values, message) => {
    expect(() => quirksFrom(values)).toThrow(UsageError);
    expect(() => quirksFrom(values)).toThrow(message);
  });
});

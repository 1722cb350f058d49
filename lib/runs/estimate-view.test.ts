import { describe, expect, it } from 'vitest';
import { etaViewOf } from './estimate-view';

describe('the ETA of a run page', () => {
  const started = new Date('2026-01-01T00:00:00Z');
  const estimate = { seconds: 140, plan: { sandboxEvaluations: 1000, lmCalls: 100, lmConcurrency: 5 }, rates: { evaluationsPerSecond: 10, lmLatencySeconds: 2 } };

  it('reads the estimate recorded at launch', () => {
    expect(etaViewOf({ iterations: 3, estimate }, started)).toEqual({
      plan: estimate.plan,
      rates: { evaluationsPerSecond: 10, lmLatencySeconds: 2 },
      estimatedSeconds: 140,
      startedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('shows none for runs without one or with a damaged one', () => {
    expect(etaViewOf({ iterations: 3 }, started)).toBeNull();
    expect(etaViewOf(null, started)).toBeNull();
    expect(etaViewOf({ estimate: { ...estimate, seconds: -1 } }, started)).toBeNull();
    expect(etaViewOf({ estimate: { ...estimate, plan: { sandboxEvaluations: 'many' } } }, started)).toBeNull();
  });
});

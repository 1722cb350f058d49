import { describe, expect, it } from 'vitest';
import type { RunEventPayloads, RunEventType, TypedRunEvent } from './event-types';
import { LM_CALL_CAP, applyEvents, improverPoints, initialViewState, progress, viewReducer, withImprovers } from './view-state';

let seq = 0;
function ev<T extends RunEventType>(type: T, payload: RunEventPayloads[T]): TypedRunEvent {
  seq += 1;
  return { seq, type, payload, createdAt: new Date(0).toISOString() } as TypedRunEvent;
}

const lmCall = (id: number): RunEventPayloads['lm.call'] => ({
  call_id: id,
  step_key: 'r0/i1/improve',
  model: 'scripted',
  n: 4,
  prompt_tokens: 100,
  completion_tokens: 50,
  latency_ms: 20,
  cost_usd: 0.001,
  retries: 0,
  error: null,
});

describe('view-state reducer', () => {
  it('follows a small run from start to completion', () => {
    seq = 0;
    const events = [
      ev('run.started', { kind: 'stop', config: { iterations: 1, repeats: 1 }, sandbox_level: 'bubblewrap', resumed: false }),
      ev('iteration.started', { repeat: 0, iteration: 0 }),
      ev('improver.recorded', { repeat: 0, iteration: 0, improver_id: 11, adopted: true, train_meta_utility: null, strategy_tags: [] }),
      ev('meta_utility.measured', { repeat: 0, iteration: 0, set: 'test', mean: 0.55, standard_error: 0.02, copies: 5 }),
      ev('lm.call', lmCall(1)),
      ev('candidate.scored', { repeat: 0, iteration: 1, candidate_id: 7, role: 'improver', utility: 0.6, error: null }),
      ev('utility.evaluated', { task_id: 'lpn', set: 'train', utility: 0.6, cached: true, duration_ms: 30 }),
      ev('circumvention', { repeat: 0, iteration: 1, kind: 'use_sandbox=False', detail: 'called utility(x, use_sandbox=False)', line: 12 }),
      ev('improver.recorded', { repeat: 0, iteration: 1, improver_id: 12, adopted: true, train_meta_utility: 0.6, strategy_tags: ['beam-search'] }),
      ev('meta_utility.measured', { repeat: 0, iteration: 1, set: 'test', mean: 0.62, standard_error: 0.01, copies: 5 }),
      ev('run.completed', { result: { final: 0.62 } }),
    ];
    const state = applyEvents(initialViewState(), events);
    expect(state.status).toBe('completed');
    expect(state.lastSeq).toBe(events.length);
    expect(state.sandboxLevel).toBe('bubblewrap');
    const points = improverPoints(state);
    expect(points.map((p) => [p.iteration, p.improverId, p.test, p.train])).toEqual([
      [0, 11, 0.55, null],
      [1, 12, 0.62, 0.6],
    ]);
    expect(points[1]!.strategyTags).toEqual(['beam-search']);
    expect(state.lmTotals).toMatchObject({ calls: 1, promptTokens: 100, completionTokens: 50 });
    expect(state.candidates).toHaveLength(1);
    expect(state.evaluations).toEqual({ count: 1, cached: 1, durationMs: 30 });
    expect(state.alerts[0]).toMatchObject({ kind: 'circumvention', line: 12 });
    expect(state.result).toEqual({ final: 0.62 });
    expect(progress(state)).toEqual({ done: 2, total: 2, fraction: 1 });
  });

  it('is idempotent for events already applied (reconnects may resend)', () => {
    seq = 0;
    const events = [ev('run.started', { kind: 'stop', config: {}, sandbox_level: 'unshare', resumed: false }), ev('lm.call', lmCall(1))];
    const once = applyEvents(initialViewState(), events);
    const twice = applyEvents(once, events);
    expect(twice).toBe(once);
    expect(twice.lmTotals.calls).toBe(1);
  });

  it('does not mutate the previous state', () => {
    seq = 0;
    const before = applyEvents(initialViewState(), [ev('meta_utility.measured', { repeat: 0, iteration: 0, set: 'test', mean: 0.5, standard_error: 0, copies: 5 })]);
    const after = applyEvents(before, [ev('meta_utility.measured', { repeat: 0, iteration: 0, set: 'train', mean: 0.4, standard_error: 0, copies: 5 })]);
    expect(before.improvers['0:0']!.train).toBeNull();
    expect(after.improvers['0:0']!.train).toBe(0.4);
  });

  it('records failures, cancellations and errors', () => {
    seq = 0;
    const failed = applyEvents(initialViewState('running'), [
      ev('error', { repeat: 0, iteration: 1, code: 'timeout', message: 'improver exceeded 60 s', step_key: null }),
      ev('run.failed', { error: { code: 'sandbox', message: 'no python' } }),
    ]);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('no python');
    expect(failed.alertCounts.error).toBe(1);
    expect(applyEvents(initialViewState('running'), [ev('run.cancelled', {})]).status).toBe('cancelled');
  });

  it('ignores unknown event types but advances past them', () => {
    const state = applyEvents(initialViewState(), [{ seq: 1, type: 'future.thing', payload: {}, createdAt: '' } as unknown as TypedRunEvent]);
    expect(state.lastSeq).toBe(1);
  });

  it('stays bounded with 50,000 events', () => {
    seq = 0;
    const events: TypedRunEvent[] = [];
    for (let i = 0; i < 50_000; i += 1) events.push(ev('lm.call', lmCall(i)));
    let state = initialViewState('running', { iterations: 6, repeats: 5 });
    for (let i = 0; i < events.length; i += 500) state = viewReducer(state, { type: 'events', events: events.slice(i, i + 500) });
    expect(state.lmTotals.calls).toBe(50_000);
    expect(state.lmCalls).toHaveLength(LM_CALL_CAP);
    expect(state.lmCalls.at(-1)!.callId).toBe(49_999);
    expect(state.lastSeq).toBe(50_000);
    expect(progress(state)).toEqual({ done: 0, total: 35, fraction: 0 });
  });
});

describe('withImprovers', () => {
  it('fills in improvers the events did not mention and keeps what they did', () => {
    seq = 0;
    const state = applyEvents(initialViewState(), [
      ev('meta_utility.measured', { repeat: 0, iteration: 0, set: 'test', mean: 0.5, standard_error: 0.01, copies: 5 }),
    ]);
    const row = { adopted: true, trainMetaUtility: 0.4, testStandardError: null, strategyTags: ['hints'] };
    const merged = withImprovers(state, [
      { ...row, id: 1, repeat: 0, iteration: 0, testMetaUtility: 0.9 },
      { ...row, id: 2, repeat: 0, iteration: 1, testMetaUtility: 0.6 },
    ]);
    expect(merged.improvers['0:0']).toMatchObject({ improverId: 1, test: 0.5, testSe: 0.01, train: 0.4, strategyTags: ['hints'] });
    expect(merged.improvers['0:1']).toMatchObject({ improverId: 2, test: 0.6 });
    expect(withImprovers(state, [])).toBe(state);
  });
});

describe('spend cap in the view state', () => {
  it('shows budget_reached with the spend, and clears it when the run resumes', () => {
    seq = 0;
    const started = ev('run.started', { kind: 'stop', config: {}, sandbox_level: 'bubblewrap', resumed: false });
    const reached = ev('run.budget_reached', { spent_usd: 0.75, spent_tokens: 12_345, max_cost_usd: 0.5, max_tokens: null });
    const stopped = applyEvents(initialViewState('running'), [started, reached]);
    expect(stopped.status).toBe('budget_reached');
    expect(stopped.error?.code).toBe('budget_reached');
    expect(stopped.error?.message).toContain('12,345 tokens');
    const resumed = applyEvents(stopped, [ev('run.started', { kind: 'stop', config: {}, sandbox_level: 'bubblewrap', resumed: true })]);
    expect(resumed.status).toBe('running');
    expect(resumed.error).toBeNull();
  });
});

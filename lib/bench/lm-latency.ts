import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Database } from '@/db/client';
import { listRecordedLatencies } from '@/db/queries/lm-calls';
import { round, summarise, type Summary } from './stats';

/**
 * Whether the engine's event loop is free while it relays sandbox messages and records results: the
 * latency the gateway records for a model call should be the server's injected latency, not that plus
 * the time the call's response waited for a busy loop.
 */
export interface LmLatencyReport {
  injected_ms: number;
  recorded: Summary;
  /** The bound the recorded latency should stay within: injected + 10 % + 50 ms. */
  target_ms: number;
  within_target: boolean;
  /** How long timers waited for the loop during the same phases (perf_hooks event-loop delay). */
  event_loop_delay: { p50_ms: number; p99_ms: number; max_ms: number };
}

export function latencyTarget(injectedMs: number): number {
  return round(injectedMs * 1.1 + 50);
}

/** Starts measuring the event-loop delay; `report` reads the LM calls recorded in `db` meanwhile. */
export function watchLmLatency(db: Database, injectedMs: number): { report(): Promise<LmLatencyReport> } {
  const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return {
    async report() {
      loop.disable();
      const recorded = summarise(await listRecordedLatencies(db));
      const target = latencyTarget(injectedMs);
      const ms = (ns: number) => round(ns / 1e6);
      return {
        injected_ms: injectedMs,
        recorded,
        target_ms: target,
        within_target: recorded.n > 0 && recorded.p95_ms <= target,
        event_loop_delay: { p50_ms: ms(loop.percentile(50)), p99_ms: ms(loop.percentile(99)), max_ms: ms(loop.max) },
      };
    },
  };
}

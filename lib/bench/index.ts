import os from 'node:os';
import { openDatabase } from '@/db/client';
import { startScriptedServer } from '@/lib/scripted-model/server';
import { budgetsSchema, type Budgets } from '@/lib/runs/config';
import { detectIsolation } from '@/lib/sandbox';
import { SandboxPool } from '@/lib/sandbox/pool';
import { benchMetaUtility, benchStop, type Comparison } from './engine';
import { benchRealistic, type RealisticReport, type RealisticSettings } from './realistic';
import { watchLmLatency, type LmLatencyReport } from './lm-latency';
import { measureSandboxOverhead, measureThroughput, type SandboxOverhead, type ThroughputReport } from './sandbox';
import { measureEvaluationThroughput, type EvaluationThroughput } from './evaluation-throughput';
import { measureSse, type SseReport } from './sse';
import { round } from './stats';

export interface BenchOptions {
  /** Injected latency of the scripted model server, per request. */
  latencyMs: number;
  /** A fast smoke version: few samples, small runs. */
  quick: boolean;
  /** Repository root (the built app is started from there). */
  root: string;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Skip the browser/server phase (e.g. in unit tests). */
  skipSse?: boolean;
  /** Skip the realistic STOP run (scripted-strong at a time-scaled realistic latency). */
  skipRealistic?: boolean;
  /** Multiplies the realistic latency profile (default 0.05). */
  timeScale?: number;
}

const DEFAULT_TIME_SCALE = 0.05;

const realisticPhaseName = (settings: RealisticSettings) =>
  `realistic STOP T=${settings.iterations} R=${settings.repeats} k=${settings.copies} (scripted-strong, latency × ${settings.timeScale})`;
// Quick: one LM call with two answers per invocation, so that a smoke run stays short.
const QUICK_BUDGETS = { lmCalls: 1, maxResponsesPerCall: 2, utilityCalls: 2, metaUtilityCalls: 2 };

export type RealisticPhase = RealisticReport | { status: 'skipped'; reason: string };

/** The realistic phase's size: the T = 3, R = 3, k = 5, or a smoke-sized run. */
export function realisticSettings(quick: boolean, timeScale = DEFAULT_TIME_SCALE): RealisticSettings {
  return quick
    ? { iterations: 1, repeats: 1, copies: 1, timeScale, budgets: QUICK_BUDGETS }
    : { iterations: 3, repeats: 3, copies: 5, timeScale };
}

export interface BenchReport {
  machine: { cores: number; platform: string; node: string; isolation: string; load_average: number[] };
  settings: { latency_ms: number; quick: boolean; meta_utility_copies: number; stop: { iterations: number; repeats: number; copies: number }; budgets: Budgets };
  sandbox_overhead: SandboxOverhead;
  /** Fork server against a process spawned per program, distinct LPN programs (issue 19). */
  evaluation_throughput: EvaluationThroughput;
  lpn_throughput: ThroughputReport;
  meta_utility: Comparison & { target: { max_over_bound: number; min_speedup: number }; meets_target: boolean };
  stop_run: Comparison;
  /** Recorded vs injected LM latency during the meta-utility and STOP phases (is the event loop free?). */
  lm_latency: LmLatencyReport;
  /** A STOP run on the realistic workload (scripted-strong, realistic latency), fast schedule only. */
  realistic_run: RealisticPhase;
  /** Peak RSS of this process, which ran the engine for the meta-utility and STOP phases. */
  engine_process_peak_rss_mb: number;
  server: SseReport;
  duration_s: number;
}

async function phase<T>(log: (line: string) => void, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`bench: ${name}…`);
  const value = await work();
  log(`bench: ${name} done in ${round((performance.now() - started) / 1000)} s`);
  return value;
}

/** Every measurement of `stop bench`, in one run on this machine (see docs/performance.md). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const quick = options.quick;
  const copies = quick ? 2 : 5;
  const stop = { iterations: quick ? 1 : 2, repeats: 2, copies: quick ? 1 : 3 };
  const budgets = quick ? QUICK_BUDGETS : {};
  const isolation = await detectIsolation();
  const sandboxOverhead = await phase(log, 'no-op evaluation round trip', () => measureSandboxOverhead(quick ? 8 : 60));
  const throughput = await phase(log, 'LPN seed throughput', () => measureThroughput(quick ? 4 : 24));
  const evaluationThroughput = await phase(log, 'evaluation throughput: fork server vs spawn per program', () =>
    measureEvaluationThroughput(quick ? 16 : 100),
  );
  const handle = await openDatabase({ dataDir: 'memory' });
  const lm = await startScriptedServer({ port: 0, host: '127.0.0.1', latencyMs: options.latencyMs, seed: 0 });
  const pool = new SandboxPool();
  let metaUtility: Comparison;
  let stopRun: Comparison;
  let lmLatency: LmLatencyReport;
  let realistic: RealisticPhase = { status: 'skipped', reason: 'skipped by the caller (--no-realistic)' };
  try {
    const bench = { db: handle.db, baseUrl: lm.url, pool };
    const latency = watchLmLatency(handle.db, options.latencyMs);
    metaUtility = await phase(log, `meta-utility k=${copies} at L=${options.latencyMs} ms`, () => benchMetaUtility(bench, copies, budgets));
    stopRun = await phase(log, `STOP T=${stop.iterations} R=${stop.repeats} k=${stop.copies}`, () => benchStop(bench, stop, budgets));
    lmLatency = await latency.report();
    if (!options.skipRealistic) {
      const settings = realisticSettings(quick, options.timeScale);
      realistic = await phase(log, realisticPhaseName(settings), () =>
        benchRealistic(handle.db, pool, settings),
      );
    }
  } finally {
    await pool.close();
    await lm.close();
    await handle.close();
  }
  const engineRss = round(process.resourceUsage().maxRSS / 1024);
  const server: SseReport = options.skipSse
    ? { status: 'skipped', reason: 'skipped by the caller' }
    : await phase(log, 'server: SSE delivery and peak memory', () =>
        measureSse({ root: options.root, timeLimitMs: quick ? 30_000 : 120_000, copies: quick ? 1 : 2 }).catch(
          (error: unknown): SseReport => ({ status: 'failed', reason: error instanceof Error ? error.message : String(error) }),
        ),
      );
  const target = { max_over_bound: 1.3, min_speedup: 4 };
  return {
    machine: machineFacts(isolation.level),
    settings: { latency_ms: options.latencyMs, quick, meta_utility_copies: copies, stop, budgets: budgetsSchema.parse(budgets) },
    sandbox_overhead: sandboxOverhead,
    evaluation_throughput: evaluationThroughput,
    lpn_throughput: throughput,
    meta_utility: {
      ...metaUtility,
      target,
      meets_target:
        (metaUtility.fast_over_bound ?? Infinity) <= target.max_over_bound && (metaUtility.speedup_vs_sequential ?? 0) >= target.min_speedup,
    },
    stop_run: stopRun,
    lm_latency: lmLatency,
    realistic_run: realistic,
    engine_process_peak_rss_mb: engineRss,
    server,
    duration_s: round((performance.now() - started) / 1000),
  };
}

export interface RealisticOnlyReport {
  machine: BenchReport['machine'];
  realistic_run: RealisticReport;
  duration_s: number;
}

/** `stop bench --realistic`: only the realistic STOP run. */
export async function runRealisticBench(options: { quick: boolean; timeScale?: number; log?: (line: string) => void }): Promise<RealisticOnlyReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const isolation = await detectIsolation();
  const handle = await openDatabase({ dataDir: 'memory' });
  const pool = new SandboxPool();
  try {
    const settings = realisticSettings(options.quick, options.timeScale);
    const realistic = await phase(log, realisticPhaseName(settings), () =>
      benchRealistic(handle.db, pool, settings),
    );
    return {
      machine: machineFacts(isolation.level),
      realistic_run: realistic,
      duration_s: round((performance.now() - started) / 1000),
    };
  } finally {
    await pool.close();
    await handle.close();
  }
}

function machineFacts(isolation: string): BenchReport['machine'] {
  return { cores: os.availableParallelism(), platform: `${os.platform()} ${os.release()}`, node: process.version, isolation, load_average: os.loadavg().map((value) => round(value, 2)) };
}

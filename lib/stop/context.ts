import 'server-only';
import type { Database } from '@/db/client';
import { findStep, saveStep } from '@/db/queries/steps';
import type { LanguageModelSession } from '@/lib/lm/types';
import type { ApiMode, Budgets, CopyFailureRule, ImproverLimits } from '@/lib/runs/config';
import type { EventWriter } from '@/lib/runs/event-writer';
import type { EvaluationStore } from './evaluation-store';
import type { SpendMeter } from '@/lib/runs/spend';
import type { Limiter } from '@/lib/limiter';
import type { EvaluationQueue } from '@/lib/queue/jobs';

/** What the LM gateway offers the engine (implemented in lib/lm). */
export interface ModelAccess {
  session(options: { stepKey: string; budget: number; maxResponsesPerCall: number }): LanguageModelSession;
}

/** Everything one run's computations share. */
export interface EngineContext {
  runId: string;
  db?: Database;
  signal: AbortSignal;
  model: ModelAccess;
  /** Bounds concurrent sandboxed evaluations (leaf work only, so nested waits cannot deadlock). */
  evaluations: Limiter;
  budgets: Budgets;
  /** Limits of downstream improver processes (default: lib/sandbox/limits). */
  limits?: ImproverLimits;
  temperature: number;
  /** What a copy that raises does to û (default 'zero', the reference's rule). */
  copyFailure?: CopyFailureRule;
  /** Strictness of the improver's language-model API (default 'lenient'). */
  apiMode?: ApiMode;
  /** utility.str of a built-in task: Python source (default) or prose. */
  utilityForm?: 'code' | 'prose';
  events: EventWriter;
  /** The run's stored evaluations: the per-run utility cache, and where new evaluations are recorded. */
  stored: EvaluationStore;
  /**
   * With PostgreSQL: solution evaluations become jobs that any worker may run (lib/queue), and
   * `evaluations` does not bound them. Absent (PGlite, benchmarks' baselines): in-process.
   */
  queue?: EvaluationQueue;
  /** Seed of the run, for the engine's own random choices (e.g. random adoption). */
  seed: number;
  /**
   * 'sequential' is the reference implementation's schedule, kept as the benchmark's baseline
   * (lib/bench): copies and repeats one after another and no speculative evaluation. Default 'parallel'.
   */
  schedule?: 'parallel' | 'sequential';
  /** The run's spend against its cap: every new step checks it first; every model request reserves against it (lib/lm). */
  spend?: SpendMeter;
}

/** `work(0..count-1)`: all at once, or one after another under the sequential schedule. */
export async function runEach<T>(ctx: EngineContext, count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  if (ctx.schedule !== 'sequential') return Promise.all(Array.from({ length: count }, (_, index) => work(index)));
  const results: T[] = [];
  for (let index = 0; index < count; index += 1) results.push(await work(index));
  return results;
}

/** Thrown when the run is cancelled. */
export class RunCancelledError extends Error {
  override name = 'RunCancelledError';
  constructor() {
    super('the run was cancelled');
  }
}

export function throwIfCancelled(ctx: EngineContext): void {
  if (ctx.signal.aborted) throw new RunCancelledError();
}

/**
 * Computations in flight, per execution (keyed by its signal): steps of an execution that was stopped
 * (e.g. at its spend cap) may still be winding down when the run is resumed, and must not be joined.
 */
const inFlightByExecution = new WeakMap<AbortSignal, Map<string, Promise<unknown>>>();

function inFlightOf(ctx: EngineContext): Map<string, Promise<unknown>> {
  let steps = inFlightByExecution.get(ctx.signal);
  if (!steps) inFlightByExecution.set(ctx.signal, (steps = new Map()));
  return steps;
}

/**
 * Runs `compute` once per (run, stepKey): a stored result is returned as is (resume), and concurrent
 * callers of the same step share one computation. `cached` tells whether it was computed earlier.
 */
export async function memoStep<T>(
  ctx: EngineContext,
  stepKey: string,
  compute: () => Promise<T>,
): Promise<{ value: T; cached: boolean }> {
  const stored = await findStep(ctx.runId, stepKey, ctx.db);
  if (stored) return { value: stored.result as T, cached: true };
  ctx.spend?.check();
  const inFlight = inFlightOf(ctx);
  const key = `${ctx.runId}\u0000${stepKey}`;
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return { value: await running, cached: true };
  const work = (async () => {
    const value = await compute();
    throwIfCancelled(ctx);
    return (await saveStep(ctx.runId, stepKey, value, ctx.db)) as T;
  })();
  inFlight.set(key, work);
  try {
    return { value: await work, cached: false };
  } finally {
    inFlight.delete(key);
  }
}

/** Marks a step as done; true only the first time (so that its announcement is made once). */
export async function markStep(ctx: EngineContext, stepKey: string): Promise<boolean> {
  if (await findStep(ctx.runId, stepKey, ctx.db)) return false;
  const marker = { at: Date.now(), nonce: Math.random() };
  const stored = (await saveStep(ctx.runId, stepKey, marker, ctx.db)) as typeof marker | undefined;
  return stored?.nonce === marker.nonce;
}

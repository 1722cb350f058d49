import 'server-only';
import type { Database } from '@/db/client';
import { findStep, listStepKeys, saveStep } from '@/db/queries/steps';
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

/** A run with more stored steps than this is asked one step at a time instead of indexed in memory. */
const MAX_INDEXED_STEPS = 200_000;

/**
 * Per execution, the keys of its run's stored steps: read once, then kept with the steps it stores. A
 * STOP run looks up thousands of steps, most of them not stored yet, and each query would run on the
 * engine's thread.
 */
const storedStepsByExecution = new WeakMap<AbortSignal, Promise<Set<string> | null>>();

function storedStepsOf(ctx: EngineContext): Promise<Set<string> | null> {
  let keys = storedStepsByExecution.get(ctx.signal);
  if (!keys) {
    keys = listStepKeys(ctx.runId, MAX_INDEXED_STEPS + 1, ctx.db).then(
      (rows) => (rows.length > MAX_INDEXED_STEPS ? null : new Set(rows)),
      () => null,
    );
    storedStepsByExecution.set(ctx.signal, keys);
  }
  return keys;
}

async function findStoredStep(ctx: EngineContext, stepKey: string) {
  const keys = await storedStepsOf(ctx);
  if (keys && !keys.has(stepKey)) return undefined;
  return findStep(ctx.runId, stepKey, ctx.db);
}

async function storeStep(ctx: EngineContext, stepKey: string, result: unknown): Promise<unknown> {
  const stored = await saveStep(ctx.runId, stepKey, result, ctx.db);
  (await storedStepsOf(ctx))?.add(stepKey);
  return stored;
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
  const stored = await findStoredStep(ctx, stepKey);
  if (stored) return { value: stored.result as T, cached: true };
  ctx.spend?.check();
  const inFlight = inFlightOf(ctx);
  const key = `${ctx.runId}\u0000${stepKey}`;
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return { value: await running, cached: true };
  const work = (async () => {
    const value = await compute();
    throwIfCancelled(ctx);
    return (await storeStep(ctx, stepKey, value)) as T;
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
  if (await findStoredStep(ctx, stepKey)) return false;
  const marker = { at: Date.now(), nonce: Math.random() };
  const stored = (await storeStep(ctx, stepKey, marker)) as typeof marker | undefined;
  return stored?.nonce === marker.nonce;
}

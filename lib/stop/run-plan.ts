/**
 * The work a STOP run plans, counted as the engine does it (lib/stop/algorithm.ts): per repeat, the seed
 * measured on 2k copies (training and fresh test copies), then per iteration one self-improvement whose
 * candidates are each measured on k copies, and the adopted improver re-run on k fresh copies. Pure.
 */
import type { Budgets } from '@/lib/runs/config';
import type { WorkPlan } from '@/lib/runs/eta';

/** One improver invocation: model calls, programs the engine evaluates for it, and utility calls it makes. */
export interface InvocationShape {
  lmCalls: number;
  programs: number;
  utilityCalls: number;
}

/** The seed improver on the task (downstream) and on itself (meta), as a dry run observed it. */
export interface SeedBehaviour {
  downstream: InvocationShape;
  meta: InvocationShape;
}

export interface RunShape {
  iterations: number;
  repeats: number;
  copies: number;
  budgets: Budgets;
  adoption: 'any-nonzero' | 'no-worse' | 'random';
}

/**
 * The share of its budgets an improver written by the model uses, on average: fitted to two Figure 4
 * preset runs (scripted-strong; 27,750 and 26,117 evaluations, where full budgets would make 34,700), whose
 * fits were 0.88 and 0.85. See docs/performance.md.
 */
export const WRITTEN_IMPROVER_BUDGET_USE = 0.85;

export interface StopRunPlan extends WorkPlan {
  /** Improver invocations on the task (each a copy). */
  downstreamInvocations: number;
  /** Model calls made by improvers improving themselves. */
  metaLmCalls: number;
}

/** An improver the model wrote, at WRITTEN_IMPROVER_BUDGET_USE of its budgets. */
export function writtenImprover(budgets: Budgets): SeedBehaviour {
  const responses = budgets.lmCalls * budgets.maxResponsesPerCall;
  const scaled = (value: number) => value * WRITTEN_IMPROVER_BUDGET_USE;
  return {
    // Every program in a response is scored (speculatively), whether or not the improver asks for it.
    downstream: { lmCalls: scaled(budgets.lmCalls), programs: scaled(responses), utilityCalls: scaled(Math.min(budgets.utilityCalls, responses)) },
    // Only the candidates it asks about are measured (each a meta-utility over k copies).
    meta: { lmCalls: scaled(budgets.lmCalls), programs: scaled(responses), utilityCalls: scaled(Math.min(budgets.metaUtilityCalls, responses)) },
  };
}

/** Sandboxed evaluations and model calls of a STOP run; `seed` null assumes the seed behaves like a written improver. */
export function planStopRun(shape: RunShape, seed: SeedBehaviour | null): StopRunPlan {
  const { iterations, repeats, copies: k, budgets } = shape;
  const written = writtenImprover(budgets);
  const seedShape = seed ?? written;
  const measuresCandidates = shape.adoption !== 'random';
  let evaluations = 0;
  let lmCalls = 0;
  let metaLmCalls = 0;
  let downstream = 0;
  const invoke = (count: number, improver: SeedBehaviour) => {
    downstream += count;
    evaluations += count * improver.downstream.programs;
    lmCalls += count * improver.downstream.lmCalls;
  };
  // Iteration 0: the seed on the training copies and on fresh copies; both sets' solutions scored on test.
  invoke(2 * k, seedShape);
  evaluations += 2 * k;
  for (let iteration = 1; iteration <= iterations; iteration += 1) {
    // The improver adopted last improves itself: the seed first, then (usually) one the model wrote.
    const parent = iteration === 1 ? seedShape : written;
    metaLmCalls += parent.meta.lmCalls;
    const candidates = measuresCandidates ? parent.meta.utilityCalls : 0;
    // Each candidate's meta-utility: k copies of it on the task. The adopted one's training copies are
    // those (or, unmeasured under 'random', run now), then k fresh copies; both scored on test.
    invoke(candidates * k + (measuresCandidates ? 0 : k) + k, written);
    evaluations += 2 * k;
  }
  return {
    sandboxEvaluations: Math.round(repeats * evaluations),
    lmCalls: Math.round(repeats * (lmCalls + metaLmCalls)),
    lmConcurrency: k * repeats,
    downstreamInvocations: Math.round(repeats * downstream),
    metaLmCalls: Math.round(repeats * metaLmCalls),
  };
}

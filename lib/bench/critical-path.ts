/**
 * The critical-path lower bound of a run, computed from its recorded call graph (lm_calls, evaluations,
 * run_steps). See docs/performance.md for the definition; in short:
 * - a copy (one improver invocation on one copy of the task, step key `r{R}/inv/{hash}/{task}/c{k}`)
 *   is a chain: the latencies of its LM calls (recorded `latency_ms`) plus the durations of the
 *   evaluations it depends on — the distinct training evaluations of the programs extracted from its
 *   responses and of its final solution, and the test evaluation of its final solution when there is one
 *   (recorded `duration_ms`, the evaluation's own time, without waiting for a worker);
 * - a meta-utility measurement (all copies of one improver in one repeat) takes its longest copy;
 * - a repeat is sequential: the LM latency of its `r{R}/t{T}/improve` steps plus each of its
 *   measurements, in the order they started; an evaluation finished by an earlier measurement of the
 *   same repeat costs nothing later (the per-run cache); repeats are parallel, so the bound is the
 *   longest repeat.
 * This is what an executor with unlimited workers and zero overhead needs if it follows every
 * program's own order of calls. Speculative evaluation does not follow that order (it evaluates
 * candidates before the improver asks, side by side), so a run can come in under this bound.
 */

import { parseDownstreamStep, parseSelfImprovementStep } from '@/lib/stop/step-keys';

export interface CallRecord {
  stepKey: string | null;
  latencyMs: number;
  responses: string[];
}

export interface EvaluationRecord {
  instanceSet: string;
  solutionHash: string;
  durationMs: number;
  /** CPU time the program itself spent in its calls (as its process measured it), when recorded. */
  programCpuMs?: number;
}

export interface StepRecord {
  stepKey: string;
  result: unknown;
}

export interface CallGraph {
  calls: CallRecord[];
  evaluations: EvaluationRecord[];
  steps: StepRecord[];
}

export interface CriticalPath {
  bound_ms: number;
  /**
   * Every chain one after another, each copy paying for its own evaluations (no sharing between
   * copies): an estimate of the reference implementation's time, which has no per-run cache.
   */
  serial_estimate_ms: number;
  /**
   * The sequential schedule: every chain one after another, one evaluation at a time, each evaluation
   * paid once per run (the per-run cache), no speculation — the bench's `sequential` mode, estimated.
   */
  sequential_estimate_ms: number;
  /** Per repeat: its chain and how it splits into LM latency and evaluation time. */
  repeats: { repeat: number; chain_ms: number; lm_ms: number; evaluation_ms: number; measurements: number }[];
  copies: number;
}


interface Chain {
  lm: number;
  evaluation: number;
}

const total = (chain: Chain): number => chain.lm + chain.evaluation;

interface CopyChain {
  chain: Chain;
  /** The evaluations it waits for (`train/hash`, `test/hash`). */
  needs: string[];
  /** Its chain with every evaluation paid for (no cache). */
  serial: number;
}

/** The call graph indexed: evaluation times per instance set, model calls and final solution per step, step order. */
function indexGraph(graph: CallGraph) {
  const duration = (set: string) => {
    const bySolution = new Map<string, number>();
    for (const row of graph.evaluations) if (row.instanceSet === set) bySolution.set(row.solutionHash, row.durationMs);
    return bySolution;
  };
  const callsOf = new Map<string, CallRecord[]>();
  for (const call of graph.calls) {
    if (!call.stepKey) continue;
    callsOf.set(call.stepKey, [...(callsOf.get(call.stepKey) ?? []), call]);
  }
  const finalOf = new Map<string, string | null>();
  for (const step of graph.steps) {
    const solution = (step.result as { solution?: unknown } | null)?.solution;
    finalOf.set(step.stepKey, typeof solution === 'string' ? solution : null);
  }
  const order = new Map<string, number>();
  graph.calls.forEach((call, index) => {
    if (call.stepKey && !order.has(call.stepKey)) order.set(call.stepKey, index);
  });
  return { train: duration('train'), test: duration('test'), callsOf, finalOf, order };
}

/** Measurements: the downstream copies grouped by (repeat, improver), with when the first one started. */
function measurementGroups(
  callsOf: ReadonlyMap<string, CallRecord[]>,
  finalOf: ReadonlyMap<string, string | null>,
  order: ReadonlyMap<string, number>,
): Map<string, { repeat: number; first: number; keys: string[] }> {
  const groups = new Map<string, { repeat: number; first: number; keys: string[] }>();
  for (const key of new Set([...callsOf.keys(), ...finalOf.keys()])) {
    const copy = parseDownstreamStep(key);
    if (!copy) continue;
    const id = `${copy.repeat}/${copy.improverHash}`;
    const group = groups.get(id) ?? { repeat: copy.repeat, first: Number.POSITIVE_INFINITY, keys: [] };
    group.keys.push(key);
    group.first = Math.min(group.first, order.get(key) ?? Number.POSITIVE_INFINITY);
    groups.set(id, group);
  }
  return groups;
}

/**
 * @param programsOf the programs a response contains (e.g. its fenced code), for matching evaluations
 * @param hashOf the evaluation cache's hash of a program (as stored in `evaluations.solution_hash`)
 */
export function criticalPath(
  graph: CallGraph,
  programsOf: (response: string) => string[],
  hashOf: (program: string) => string,
): CriticalPath {
  const { train, test, callsOf, finalOf, order } = indexGraph(graph);
  /** What an evaluation need (`train/hash`, `test/hash`) costs. */
  const cost = (need: string) => {
    const [set, hash] = need.split('/') as [string, string];
    return (set === 'train' ? train : test).get(hash) ?? 0;
  };

  /** A copy's chain; evaluations already finished earlier on the same repeat's chain cost nothing. */
  const copyChain = (stepKey: string, done: ReadonlySet<string>): CopyChain => {
    const calls = callsOf.get(stepKey) ?? [];
    const lm = calls.reduce((sum, call) => sum + call.latencyMs, 0);
    const programs = new Set(calls.flatMap((call) => call.responses.flatMap(programsOf)).map(hashOf));
    const final = finalOf.get(stepKey);
    if (final) programs.add(hashOf(final));
    const needs = [...programs].filter((hash) => train.has(hash)).map((hash) => `train/${hash}`);
    if (final && test.has(hashOf(final))) needs.push(`test/${hashOf(final)}`);
    const evaluation = needs.filter((need) => !done.has(need)).reduce((sum, need) => sum + cost(need), 0);
    return { chain: { lm, evaluation }, needs, serial: lm + needs.reduce((sum, need) => sum + cost(need), 0) };
  };

  const groups = measurementGroups(callsOf, finalOf, order);

  const repeats = new Map<number, { lm: number; evaluation: number; measurements: number; done: Set<string> }>();
  const repeatOf = (repeat: number) => {
    const entry = repeats.get(repeat) ?? { lm: 0, evaluation: 0, measurements: 0, done: new Set<string>() };
    repeats.set(repeat, entry);
    return entry;
  };
  let copies = 0;
  let serial = 0;
  let sequential = 0;
  const paid = new Set<string>();
  for (const group of [...groups.values()].sort((a, b) => a.first - b.first)) {
    const entry = repeatOf(group.repeat);
    const chains = group.keys.map((key) => copyChain(key, entry.done));
    const longest = chains.reduce((best, next) => (total(next.chain) > total(best.chain) ? next : best));
    entry.lm += longest.chain.lm;
    entry.evaluation += longest.chain.evaluation;
    entry.measurements += 1;
    for (const chain of chains) for (const need of chain.needs) entry.done.add(need);
    copies += chains.length;
    serial += chains.reduce((sum, chain) => sum + chain.serial, 0);
    for (const chain of chains) {
      sequential += chain.chain.lm + chain.needs.filter((need) => !paid.has(need)).reduce((sum, need) => sum + cost(need), 0);
      for (const need of chain.needs) paid.add(need);
    }
  }
  for (const [key, calls] of callsOf) {
    const improve = parseSelfImprovementStep(key);
    if (!improve) continue;
    const latency = calls.reduce((sum, call) => sum + call.latencyMs, 0);
    repeatOf(improve.repeat).lm += latency;
    serial += latency;
    sequential += latency;
  }
  const rows = [...repeats.entries()]
    .sort(([a], [b]) => a - b)
    .map(([repeat, entry]) => ({
      repeat,
      chain_ms: entry.lm + entry.evaluation,
      lm_ms: entry.lm,
      evaluation_ms: entry.evaluation,
      measurements: entry.measurements,
    }));
  return { bound_ms: Math.max(0, ...rows.map((row) => row.chain_ms)), serial_estimate_ms: serial, sequential_estimate_ms: sequential, repeats: rows, copies };
}

/**
 * The capacity floor: no schedule on `cores` cores finishes before the programs' own CPU time divided by
 * the cores (Brent's bound, next to the critical path's unlimited workers). Evaluations without a record
 * of their CPU time count zero, so the floor never overstates.
 */
export function capacityFloorMs(evaluations: readonly EvaluationRecord[], cores: number): number {
  const programCpuMs = evaluations.reduce((sum, row) => sum + (Number.isFinite(row.programCpuMs) ? Math.max(0, row.programCpuMs!) : 0), 0);
  return programCpuMs / Math.max(1, cores);
}

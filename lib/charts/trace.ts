import type { UtilityCallRecord } from '@/lib/stop/invoke';
import { parseDownstreamStep, parseSelfImprovementStep } from '@/lib/stop/step-keys';

/**
 * The timeline of one improver invocation (pure): its LM calls (from the run's LM record, by step
 * key) and its utility calls (the host-side record kept with the step's result) in the order they
 * started, then its errors, circumvention attempts and the program it returned, with the best score
 * so far after each utility call.
 */

export interface TraceLmCallInput {
  id: number;
  /** When the call was recorded (its end), ms since epoch. */
  endedAt: number;
  latencyMs: number;
  n: number;
  temperature: number | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  retries: number;
  error: string | null;
  /** The first words of the last prompt message. */
  promptSummary: string;
}

/** A utility call as the host recorded it with the invocation's result. */
export type TraceUtilityCallInput = UtilityCallRecord;

export interface TraceInvocationInput {
  /** When the invocation ended (the step was stored), ms since epoch, and how long it ran. */
  endedAt: number;
  durationMs: number;
  utilityTrace: TraceUtilityCallInput[] | null;
  error: { code: string; message: string } | null;
  circumventions: { kind: string; detail: string; line: number | null }[];
  returnedHash: string | null;
  unchanged: boolean;
}

export type TraceEntry =
  | ({ kind: 'lm'; atMs: number; index: number } & Omit<TraceLmCallInput, 'endedAt'>)
  | { kind: 'utility'; atMs: number; index: number; programHash: string; score: number | null; cached: boolean; durationMs: number; error: string | null; best: number | null; improved: boolean }
  | { kind: 'circumvention'; atMs: number | null; detail: string; title: string; line: number | null }
  | { kind: 'error'; atMs: number | null; title: string; detail: string }
  | { kind: 'returned'; atMs: number; programHash: string | null; unchanged: boolean };

export interface TraceData {
  entries: TraceEntry[];
  /** Best score so far after each utility call, for the mini chart. */
  bestSoFar: (number | null)[];
  scores: (number | null)[];
  totals: { lmCalls: number; utilityCalls: number; cachedUtilityCalls: number; tokens: number; costUsd: number; latencyMs: number; evaluationMs: number };
  utilityRecorded: boolean;
}

export function invocationTrace(invocation: TraceInvocationInput, calls: readonly TraceLmCallInput[]): TraceData {
  const started = invocation.endedAt - invocation.durationMs;
  const lm: TraceEntry[] = [...calls]
    .sort((a, b) => a.endedAt - a.latencyMs - (b.endedAt - b.latencyMs) || a.id - b.id)
    .map(({ endedAt, ...call }, index) => ({ kind: 'lm', atMs: Math.max(0, endedAt - call.latencyMs - started), index: index + 1, ...call }));
  let best: number | null = null;
  const bestSoFar: (number | null)[] = [];
  const scores: (number | null)[] = [];
  const utility: TraceEntry[] = [...(invocation.utilityTrace ?? [])]
    .sort((a, b) => a.at_ms - b.at_ms)
    .map((call, index) => {
      const improved = call.score !== null && (best === null || call.score > best);
      if (improved) best = call.score;
      bestSoFar.push(best);
      scores.push(call.score);
      return {
        kind: 'utility',
        atMs: call.at_ms,
        index: index + 1,
        programHash: call.program_hash,
        score: call.score,
        cached: call.cached,
        durationMs: call.duration_ms,
        error: call.error,
        best,
        improved,
      };
    });
  // LM calls before utility calls at equal times: a program is proposed before it is scored.
  const timed = [...lm, ...utility].sort((a, b) => (a.atMs ?? 0) - (b.atMs ?? 0) || (a.kind === 'lm' ? -1 : 1));
  const tail: TraceEntry[] = [
    ...invocation.circumventions.map((attempt): TraceEntry => ({ kind: 'circumvention', atMs: null, title: attempt.kind, detail: attempt.detail, line: attempt.line })),
    ...(invocation.error ? [{ kind: 'error', atMs: null, title: invocation.error.code, detail: invocation.error.message } satisfies TraceEntry] : []),
    { kind: 'returned', atMs: invocation.durationMs, programHash: invocation.returnedHash, unchanged: invocation.unchanged },
  ];
  const utilityCalls = invocation.utilityTrace ?? [];
  return {
    entries: [...timed, ...tail],
    bestSoFar,
    scores,
    totals: {
      lmCalls: calls.length,
      utilityCalls: utilityCalls.length,
      cachedUtilityCalls: utilityCalls.filter((call) => call.cached).length,
      tokens: calls.reduce((sum, call) => sum + call.promptTokens + call.completionTokens, 0),
      costUsd: calls.reduce((sum, call) => sum + call.costUsd, 0),
      latencyMs: calls.reduce((sum, call) => sum + call.latencyMs, 0),
      evaluationMs: utilityCalls.reduce((sum, call) => sum + call.duration_ms, 0),
    },
    utilityRecorded: invocation.utilityTrace !== null,
  };
}

/** A one-line summary of a prompt: its last message's first words, whitespace collapsed. */
export function promptSummary(messages: readonly string[], limit = 140): string {
  const last = messages.at(-1) ?? '';
  const flat = last.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** What kind of invocation a step key names, for labels. */
export function describeStep(stepKey: string): { kind: 'self-improvement' | 'downstream' | 'other'; label: string } {
  const improve = parseSelfImprovementStep(stepKey);
  if (improve) return { kind: 'self-improvement', label: `Self-improvement step: repeat ${improve.repeat}, iteration ${improve.iteration}` };
  const copy = parseDownstreamStep(stepKey);
  if (copy) return { kind: 'downstream', label: `Downstream copy ${copy.copy} on ${copy.taskId}: repeat ${copy.repeat}, improver ${copy.improverHash.slice(0, 8)}` };
  return { kind: 'other', label: stepKey };
}

export interface ScoreChart {
  bestPath: string;
  points: { x: number; y: number; score: number; index: number }[];
}

/** The best-so-far line and each call's score, on a fixed [0, 1] scale (scores are utilities). */
export function scoreChart(bestSoFar: readonly (number | null)[], scores: readonly (number | null)[], width: number, height: number, pad = 6): ScoreChart {
  const steps = Math.max(1, scores.length - 1);
  const x = (index: number) => Math.round((pad + (index / steps) * (width - 2 * pad)) * 100) / 100;
  const y = (value: number) => Math.round((pad + (1 - Math.min(1, Math.max(0, value))) * (height - 2 * pad)) * 100) / 100;
  const path: string[] = [];
  bestSoFar.forEach((best, index) => {
    if (best === null) return;
    path.push(`${path.length === 0 ? 'M' : 'L'}${x(index)} ${y(best)}`);
  });
  const points = scores.flatMap((score, index) => (score === null ? [] : [{ x: x(index), y: y(score), score, index: index + 1 }]));
  return { bestPath: path.join(' '), points };
}

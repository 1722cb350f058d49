/**
 * The run page's view state, reduced from the run's event log. Pure: the server folds the stored
 * events into an initial state, the browser keeps folding live events into it. Lists that grow with
 * the number of events (LM calls, alerts, log lines) are capped so that 50,000 events stay cheap;
 * totals are kept for everything.
 */
import type { RunEventPayloads, RunEventType, TypedRunEvent } from './event-types';
import { RUN_STATUS, type RunStatus } from './status';

export const LM_CALL_CAP = 400;
export const ALERT_CAP = 200;
export const LOG_CAP = 200;
export const CANDIDATE_CAP = 2000;

export type ViewStatus = RunStatus;

export interface ImproverPoint {
  repeat: number;
  iteration: number;
  improverId: number | null;
  adopted: boolean;
  train: number | null;
  trainSe: number | null;
  /** Test meta-utility on fresh copies, independent of the selection. */
  test: number | null;
  testSe: number | null;
  /** Test meta-utility on the copies that selected the improver (null in runs from before it was kept). */
  searchTest: number | null;
  strategyTags: string[];
}

export interface CandidateRow {
  seq: number;
  candidateId: number;
  repeat: number;
  iteration: number;
  role: 'improver' | 'solution';
  utility: number | null;
  error: string | null;
}

export interface LmCallRow {
  seq: number;
  callId: number;
  at: string;
  stepKey: string | null;
  model: string;
  n: number;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  costUsd: number;
  retries: number;
  error: string | null;
  notes: string[];
}

/** A kind of LM-call note (numbers blanked) with one full example and how many calls carried it. */
export interface LmNoteSummary {
  example: string;
  calls: number;
}

/** Notes with their numbers blanked, so that "temperature 0.7 not applied" on many calls is one kind. */
export function noteKind(note: string): string {
  return note.replace(/\d+(\.\d+)?/g, '#');
}

export interface Alert {
  seq: number;
  at: string;
  kind: 'circumvention' | 'error';
  title: string;
  detail: string;
  repeat: number | null;
  iteration: number | null;
  line: number | null;
}

export interface LogLine {
  seq: number;
  at: string;
  level: 'info' | 'warn';
  message: string;
}

export interface RunViewState {
  lastSeq: number;
  status: ViewStatus;
  iterations: number | null;
  repeats: number | null;
  sandboxLevel: string | null;
  /** Keyed by `${repeat}:${iteration}`. */
  improvers: Record<string, ImproverPoint>;
  current: { repeat: number; iteration: number } | null;
  candidates: CandidateRow[];
  candidateCount: number;
  lmCalls: LmCallRow[];
  lmTotals: { calls: number; promptTokens: number; completionTokens: number; costUsd: number; latencyMs: number; errors: number };
  /** Keyed by noteKind(note). */
  lmNotes: Record<string, LmNoteSummary>;
  evaluations: { count: number; cached: number; durationMs: number };
  alerts: Alert[];
  alertCounts: { circumvention: number; error: number };
  log: LogLine[];
  error: { code: string; message: string } | null;
  result: Record<string, unknown> | null;
}

export function initialViewState(status: ViewStatus = RUN_STATUS.queued, config?: Record<string, unknown>): RunViewState {
  return {
    lastSeq: 0,
    status,
    iterations: numberOrNull(config?.iterations),
    repeats: numberOrNull(config?.repeats),
    sandboxLevel: null,
    improvers: {},
    current: null,
    candidates: [],
    candidateCount: 0,
    lmCalls: [],
    lmTotals: { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, latencyMs: 0, errors: 0 },
    lmNotes: {},
    evaluations: { count: 0, cached: 0, durationMs: 0 },
    alerts: [],
    alertCounts: { circumvention: 0, error: 0 },
    log: [],
    error: null,
    result: null,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const improverKey = (repeat: number, iteration: number) => `${repeat}:${iteration}`;

function capTail<T>(items: T[], cap: number): T[] {
  return items.length > cap ? items.slice(items.length - cap) : items;
}

/**
 * Mutable working copy used while folding one batch: lists are copied once per batch, not per
 * event, which keeps a 50,000-event replay linear.
 */
type Draft = RunViewState;

function point(draft: Draft, repeat: number, iteration: number): ImproverPoint {
  const key = improverKey(repeat, iteration);
  const existing = draft.improvers[key];
  if (existing) return existing;
  const created: ImproverPoint = {
    repeat,
    iteration,
    improverId: null,
    adopted: true,
    train: null,
    trainSe: null,
    test: null,
    testSe: null,
    searchTest: null,
    strategyTags: [],
  };
  draft.improvers[key] = created;
  return created;
}

type Handlers = { [T in RunEventType]: (draft: Draft, payload: RunEventPayloads[T], event: TypedRunEvent<T>) => void };

const HANDLERS: Handlers = {
  'run.started': (draft, payload) => {
    draft.status = RUN_STATUS.running;
    // Resumed by hand after a failure (e.g. quarantine): the old error no longer describes the run.
    draft.error = null;
    draft.sandboxLevel = payload.sandbox_level;
    draft.iterations = numberOrNull(payload.config.iterations) ?? draft.iterations;
    draft.repeats = numberOrNull(payload.config.repeats) ?? draft.repeats;
  },
  'run.completed': (draft, payload) => {
    draft.status = RUN_STATUS.completed;
    draft.result = payload.result;
  },
  'run.failed': (draft, payload) => {
    draft.status = RUN_STATUS.failed;
    draft.error = payload.error;
  },
  'run.cancelled': (draft) => {
    draft.status = RUN_STATUS.cancelled;
  },
  'run.budget_reached': (draft, payload) => {
    draft.status = RUN_STATUS.budgetReached;
    draft.error = {
      code: RUN_STATUS.budgetReached,
      message: `the spend cap was reached ($${payload.spent_usd.toFixed(4)}, ${payload.spent_tokens.toLocaleString('en-US')} tokens); resume with a higher cap to continue`,
    };
  },
  'iteration.started': (draft, payload) => {
    draft.current = { repeat: payload.repeat, iteration: payload.iteration };
  },
  'improver.recorded': (draft, payload) => {
    const p = point(draft, payload.repeat, payload.iteration);
    p.improverId = payload.improver_id;
    p.adopted = payload.adopted;
    p.strategyTags = payload.strategy_tags;
    if (payload.train_meta_utility !== null && p.train === null) p.train = payload.train_meta_utility;
  },
  'meta_utility.measured': (draft, payload) => {
    const p = point(draft, payload.repeat, payload.iteration);
    if (payload.set === 'test') {
      p.test = payload.mean;
      p.testSe = payload.standard_error;
    } else if (payload.set === 'search-test') {
      p.searchTest = payload.mean;
    } else {
      p.train = payload.mean;
      p.trainSe = payload.standard_error;
    }
  },
  'candidate.scored': (draft, payload, event) => {
    draft.candidateCount += 1;
    draft.candidates.push({
      seq: event.seq,
      candidateId: payload.candidate_id,
      repeat: payload.repeat,
      iteration: payload.iteration,
      role: payload.role,
      utility: payload.utility,
      error: payload.error ? `${payload.error.code}: ${payload.error.message}` : null,
    });
  },
  'lm.call': (draft, payload, event) => {
    const totals = draft.lmTotals;
    totals.calls += 1;
    totals.promptTokens += payload.prompt_tokens;
    totals.completionTokens += payload.completion_tokens;
    totals.costUsd += payload.cost_usd;
    totals.latencyMs += payload.latency_ms;
    if (payload.error) totals.errors += 1;
    draft.lmCalls.push({
      seq: event.seq,
      callId: payload.call_id,
      at: event.createdAt,
      stepKey: payload.step_key,
      model: payload.model,
      n: payload.n,
      promptTokens: payload.prompt_tokens,
      completionTokens: payload.completion_tokens,
      latencyMs: payload.latency_ms,
      costUsd: payload.cost_usd,
      retries: payload.retries,
      error: payload.error,
      notes: payload.notes ?? [],
    });
    for (const note of payload.notes ?? []) {
      const kind = noteKind(note);
      const summary = draft.lmNotes[kind];
      draft.lmNotes[kind] = summary ? { ...summary, calls: summary.calls + 1 } : { example: note, calls: 1 };
    }
  },
  'utility.evaluated': (draft, payload) => {
    draft.evaluations.count += 1;
    if (payload.cached) draft.evaluations.cached += 1;
    draft.evaluations.durationMs += payload.duration_ms;
  },
  circumvention: (draft, payload, event) => {
    draft.alertCounts.circumvention += 1;
    draft.alerts.push({
      seq: event.seq,
      at: event.createdAt,
      kind: 'circumvention',
      title: payload.kind,
      detail: payload.detail,
      repeat: payload.repeat,
      iteration: payload.iteration,
      line: payload.line,
    });
  },
  error: (draft, payload, event) => {
    draft.alertCounts.error += 1;
    draft.alerts.push({
      seq: event.seq,
      at: event.createdAt,
      kind: 'error',
      title: payload.code,
      detail: payload.message,
      repeat: payload.repeat,
      iteration: payload.iteration,
      line: null,
    });
  },
  log: (draft, payload, event) => {
    draft.log.push({ seq: event.seq, at: event.createdAt, level: payload.level, message: payload.message });
  },
};

function isKnown(type: string): type is RunEventType {
  return Object.hasOwn(HANDLERS, type);
}

/** Folds a batch of events (in seq order) into the state; events already applied are skipped. */
export function applyEvents(state: RunViewState, events: readonly TypedRunEvent[]): RunViewState {
  const fresh = events.filter((event) => event.seq > state.lastSeq);
  if (fresh.length === 0) return state;
  const draft: Draft = {
    ...state,
    improvers: Object.fromEntries(Object.entries(state.improvers).map(([key, value]) => [key, { ...value }])),
    candidates: [...state.candidates],
    lmCalls: [...state.lmCalls],
    lmTotals: { ...state.lmTotals },
    lmNotes: { ...state.lmNotes },
    evaluations: { ...state.evaluations },
    alerts: [...state.alerts],
    alertCounts: { ...state.alertCounts },
    log: [...state.log],
  };
  for (const event of fresh) {
    if (event.seq <= draft.lastSeq) continue;
    draft.lastSeq = event.seq;
    if (!isKnown(event.type)) continue;
    const handler = HANDLERS[event.type] as (d: Draft, p: unknown, e: TypedRunEvent) => void;
    handler(draft, event.payload, event);
    // Keep memory bounded during long replays without re-slicing on every event.
    if (draft.lmCalls.length > LM_CALL_CAP * 2) draft.lmCalls = capTail(draft.lmCalls, LM_CALL_CAP);
    if (draft.alerts.length > ALERT_CAP * 2) draft.alerts = capTail(draft.alerts, ALERT_CAP);
    if (draft.log.length > LOG_CAP * 2) draft.log = capTail(draft.log, LOG_CAP);
    if (draft.candidates.length > CANDIDATE_CAP * 2) draft.candidates = capTail(draft.candidates, CANDIDATE_CAP);
  }
  draft.lmCalls = capTail(draft.lmCalls, LM_CALL_CAP);
  draft.alerts = capTail(draft.alerts, ALERT_CAP);
  draft.log = capTail(draft.log, LOG_CAP);
  draft.candidates = capTail(draft.candidates, CANDIDATE_CAP);
  return draft;
}

export type ViewAction = { type: 'events'; events: TypedRunEvent[] } | { type: 'reset'; state: RunViewState };

export function viewReducer(state: RunViewState, action: ViewAction): RunViewState {
  return action.type === 'reset' ? action.state : applyEvents(state, action.events);
}

/** Improver points sorted by repeat then iteration. */
export function improverPoints(state: RunViewState): ImproverPoint[] {
  return Object.values(state.improvers).sort((a, b) => a.repeat - b.repeat || a.iteration - b.iteration);
}

/** Fraction of (repeat, iteration) test measurements done, when the configuration is known. */
export function progress(state: RunViewState): { done: number; total: number | null; fraction: number | null } {
  const done = Object.values(state.improvers).filter((p) => p.test !== null).length;
  if (state.iterations === null || state.repeats === null) return { done, total: null, fraction: null };
  const total = state.repeats * (state.iterations + 1);
  const fraction = state.status === RUN_STATUS.completed ? 1 : Math.min(1, done / total);
  return { done, total, fraction };
}


/** Improver rows from the database, for filling in what the event log does not say. */
export interface ImproverRowLike {
  id: number;
  repeat: number;
  iteration: number;
  adopted: boolean;
  trainMetaUtility: number | null;
  testMetaUtility: number | null;
  testStandardError: number | null;
  strategyTags: string[];
}

/** Completes the state from the improvers table (e.g. runs imported or written without every event). */
export function withImprovers(state: RunViewState, rows: readonly ImproverRowLike[]): RunViewState {
  if (rows.length === 0) return state;
  const improvers = { ...state.improvers };
  for (const row of rows) {
    const key = improverKey(row.repeat, row.iteration);
    const known = improvers[key];
    improvers[key] = {
      repeat: row.repeat,
      iteration: row.iteration,
      improverId: known?.improverId ?? row.id,
      adopted: known ? known.adopted : row.adopted,
      train: known?.train ?? row.trainMetaUtility,
      trainSe: known?.trainSe ?? null,
      test: known?.test ?? row.testMetaUtility,
      testSe: known?.testSe ?? row.testStandardError,
      searchTest: known?.searchTest ?? null,
      strategyTags: known?.strategyTags.length ? known.strategyTags : row.strategyTags,
    };
  }
  return { ...state, improvers };
}

/** The completed run's workload (lib/runs/workload.ts), when its result has a well-formed one. */
export function workloadOf(state: RunViewState): { utilityCalls: number; distinctSolutions: number; missRate: number; sandboxEvaluations: number } | null {
  const workload = state.result?.workload as Record<string, unknown> | undefined;
  if (!workload || typeof workload !== 'object') return null;
  const utilityCalls = numberOrNull(workload.solution_utility_calls);
  const distinctSolutions = numberOrNull(workload.distinct_solutions);
  const missRate = numberOrNull(workload.cache_miss_rate);
  const sandboxEvaluations = numberOrNull(workload.sandbox_evaluations);
  if (utilityCalls === null || distinctSolutions === null || missRate === null || sandboxEvaluations === null) return null;
  return { utilityCalls, distinctSolutions, missRate, sandboxEvaluations };
}

import 'server-only';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { listLmCallsWithoutEvent, summariseLmCalls } from '@/db/queries/lm-calls';
import { findRun, listRunsByStatus, updateRun } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { dbOr, type Database } from '@/db/client';
import { queueFor } from '@/lib/queue';
import { createGateway, type LmCallRecord } from '@/lib/lm/gateway';
import { detectIsolation } from '@/lib/sandbox';
import { ensureSandboxPool } from '@/lib/sandbox/pool';
import { runStop } from '@/lib/stop/algorithm';
import { RunCancelledError, type EngineContext } from '@/lib/stop/context';
import { baseline, improveOnce, metaUtilityOnce, transfer } from '@/lib/stop/experiments';
import { Limiter } from '@/lib/limiter';
import { EvaluationStore } from '@/lib/stop/evaluation-store';
import { sandboxStudy } from '@/lib/stop/sandbox-study';
import { resolveTask } from '@/lib/stop/tasks';
import { runConfigSchema, type RunConfig } from './config';
import { loadWorkload } from './workload';
import { EventWriter } from './event-writer';
import { recordEvent, type EventDraft } from './events';
import { databaseRecorder } from './lm-recorder';
import { BudgetReachedError, SpendMeter } from './spend';
import type { RunEventPayloads } from './event-types';
import { ACTIVE_STATUSES, isActive, RUN_STATUS, type RunStatus } from './status';
import { scriptedBackend } from '@/lib/scripted-model/backend';

/** Concurrent sandboxed evaluations per server: one per core. */
export const EVALUATION_WORKERS = Math.max(1, os.availableParallelism());

/** How often an executing run checks whether another process cancelled it. */
const CANCEL_POLL_MS = 2_000;

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

type GlobalWithRuns = typeof globalThis & { __stopStudioActiveRuns?: Map<string, ActiveRun> };
const holder = globalThis as GlobalWithRuns;
const active = (holder.__stopStudioActiveRuns ??= new Map<string, ActiveRun>());

async function dispatch(ctx: EngineContext, config: RunConfig): Promise<Record<string, unknown>> {
  switch (config.kind) {
    case 'stop':
      return {
        ...(await runStop(ctx, {
          task: await resolveTask(config.taskId, ctx.db),
          seedImprover: config.seedImprover,
          iterations: config.iterations,
          repeats: config.repeats,
          copies: config.copies,
          adoption: config.adoption,
        })),
      };
    case 'improve':
      return { ...(await improveOnce(ctx, config.improver, await resolveTask(config.taskId, ctx.db))) };
    case 'meta-utility':
      return { ...(await metaUtilityOnce(ctx, config.improver, await resolveTask(config.taskId, ctx.db), config.copies)) };
    case 'transfer': {
      const tasks = await Promise.all(config.taskIds.map((id) => resolveTask(id, ctx.db)));
      return { ...(await transfer(ctx, config.improver, config.baselineImprover, tasks, config.copies)) };
    }
    case 'sandbox-study':
      return { ...(await sandboxStudy(ctx, config.samples)) };
    case 'baseline':
      return { ...(await baseline(ctx, config.baseline, await resolveTask(config.taskId, ctx.db), config.copies)) };
  }
}

type LmCallFields = Pick<LmCallRecord, 'id' | 'model' | 'n' | 'promptTokens' | 'completionTokens' | 'latencyMs' | 'costUsd' | 'retries' | 'error'> & {
  stepKey?: string | null;
  meta?: { notes?: string[] } | null;
};

function lmCallPayload(call: LmCallFields): RunEventPayloads['lm.call'] {
  return {
    call_id: call.id,
    step_key: call.stepKey ?? null,
    model: call.model,
    n: call.n,
    prompt_tokens: call.promptTokens,
    completion_tokens: call.completionTokens,
    latency_ms: call.latencyMs,
    cost_usd: call.costUsd,
    retries: call.retries,
    error: call.error ?? null,
    ...(call.meta?.notes?.length ? { notes: call.meta.notes.slice(0, 8) } : {}),
  };
}

/** Calls stored by an earlier execution that died before writing their events get them now. */
async function announceUnannouncedCalls(runId: string, events: EventWriter, db?: Database): Promise<void> {
  for (const row of await listLmCallsWithoutEvent(runId, db)) {
    const n = Number((row.request as { n?: unknown }).n);
    events.emit({ type: 'lm.call', payload: { ...lmCallPayload({ ...row, n: Number.isFinite(n) ? n : 1 }), recovered: true } });
  }
}

function errorOf(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === 'string' ? code : 'engine_error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** How a run ends: its last event (none when another process recorded it) and the row's final fields. */
interface RunEnding {
  event: EventDraft | null;
  row: RunRowPatch & { status: RunStatus };
}
type RunRowPatch = Parameters<typeof updateRun>[1];

/**
 * The one way a run ends: emit its last event, flush the log, then write the row once. The events go
 * first so that a reader who sees the final status also finds every event. A completed run's flush must
 * succeed (else the caller records a failure); the other endings write the row even if the log cannot.
 */
async function finish(runId: string, events: EventWriter, ending: RunEnding, db: Database | undefined, strict = false): Promise<void> {
  if (ending.event) events.emit(ending.event);
  await (strict ? events.flush() : events.flush().catch(() => undefined));
  await updateRun(runId, ending.row, db);
}

const failedEnding = (error: { code: string; message: string }): RunEnding => ({
  event: { type: 'run.failed', payload: { error } },
  row: { status: RUN_STATUS.failed, error, finishedAt: new Date() },
});

/** The run stopped at its spend cap: not finished, it may be resumed with a higher cap. */
function budgetEnding(spend: SpendMeter, config: RunConfig): RunEnding {
  const spent = spend.total;
  const message = new BudgetReachedError(spent, config.spendCap ?? {}, spend.refused).message;
  return {
    event: {
      type: 'run.budget_reached',
      payload: {
        spent_usd: spent.costUsd,
        spent_tokens: spent.tokens,
        max_cost_usd: config.spendCap?.maxCostUsd ?? null,
        max_tokens: config.spendCap?.maxTokens ?? null,
      },
    },
    row: { status: RUN_STATUS.budgetReached, error: { code: RUN_STATUS.budgetReached, message } },
  };
}

/** Why the engine stopped early: the spend cap, a cancel (here or from another process), or a failure. */
async function endingOf(error: unknown, engine: Engine, signal: AbortSignal, config: RunConfig, db?: Database): Promise<RunEnding> {
  if (engine.spend.reached && !signal.aborted) return budgetEnding(engine.spend, config);
  if (signal.aborted || error instanceof RunCancelledError) {
    // Cancelled from another process (which recorded the event already), or here.
    const elsewhere = (await findRun(engine.ctx.runId, db).catch(() => undefined))?.status === RUN_STATUS.cancelled;
    return { event: elsewhere ? null : { type: 'run.cancelled', payload: {} }, row: { status: RUN_STATUS.cancelled, finishedAt: new Date() } };
  }
  return failedEnding(errorOf(error));
}

/** What executes a run: the engine context, its model gateway and spend meter, and how to let go of them. */
interface Engine {
  ctx: EngineContext;
  spend: SpendMeter;
  close(): Promise<void>;
}

/** Marks the run running, announces it, and builds the engine: gateway, spend meter, stop signal. */
async function startEngine(run: Run, config: RunConfig, resumed: boolean, events: EventWriter, signal: AbortSignal, db?: Database): Promise<Engine> {
  const runId = run.id;
  const isolation = await detectIsolation();
  await updateRun(runId, { status: RUN_STATUS.running, startedAt: run.startedAt ?? new Date(), sandboxLevel: isolation.level }, db);
  events.emit({
    type: 'run.started',
    payload: { kind: config.kind, config: run.config, sandbox_level: isolation.level, resumed },
  });
  // Earlier sessions' calls count against the cap; calls answered from the record are not paid twice.
  const prior = resumed ? await summariseLmCalls(runId, db) : null;
  // Owned here so that reaching the cap can stop the steps in flight: an improver would otherwise see
  // the refused step as a failed utility call and finish with a wrong result. Stopped steps are not
  // saved; a resumed run recomputes them with their model calls answered from the record.
  const stopper = new AbortController();
  setMaxListeners(0, stopper.signal);
  const spend = new SpendMeter(
    config.spendCap,
    { costUsd: prior?.costUsd ?? 0, tokens: (prior?.promptTokens ?? 0) + (prior?.completionTokens ?? 0) },
    () => stopper.abort(),
  );
  const relayAbort = () => stopper.abort();
  if (signal.aborted) relayAbort();
  else signal.addEventListener('abort', relayAbort, { once: true });
  const gateway = createGateway({
    choice: config.model,
    runId,
    seed: config.seed,
    recorder: databaseRecorder(db),
    scripted: scriptedBackend,
    // Every live request reserves its most against the cap and settles with its real usage.
    spend,
    // A resumed run answers from its own record; those calls were announced the first time.
    onCall: (call) => call.source !== 'record' && events.emit({ type: 'lm.call', payload: lmCallPayload(call) }),
  });
  const ctx: EngineContext = {
    runId,
    db,
    signal: stopper.signal,
    model: gateway,
    evaluations: new Limiter(EVALUATION_WORKERS),
    budgets: config.budgets,
    limits: config.limits,
    temperature: config.temperature,
    copyFailure: config.copyFailure,
    apiMode: config.apiMode,
    utilityForm: config.utilityForm,
    events,
    stored: new EvaluationStore(runId, db),
    seed: config.seed,
    spend,
  };
  const close = async () => {
    signal.removeEventListener('abort', relayAbort);
    await gateway.close();
  };
  return { ctx, spend, close };
}

/** Runs the experiment and adds the run's totals, taken from the record (it survives a killed process). */
async function runToResult(ctx: EngineContext, config: RunConfig): Promise<Record<string, unknown>> {
  ctx.queue = await queueFor(await dbOr(ctx.db));
  const outcome = await dispatch(ctx, config);
  await ctx.stored.flush();
  const usage = await summariseLmCalls(ctx.runId, ctx.db);
  return {
    ...outcome,
    ...(config.kind === 'improve' ? { tokens: usage.promptTokens + usage.completionTokens } : {}),
    usage: {
      lm_calls: usage.calls,
      retries: usage.retries,
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      cost_usd: usage.costUsd,
    },
    ...(config.kind === 'sandbox-study' ? {} : { workload: await loadWorkload(ctx.runId, ctx.db) }),
  };
}

/** Executes a stored run to its end (or cancellation); every step is persisted as it completes. */
async function executeRun(runId: string, signal: AbortSignal, db?: Database): Promise<void> {
  const run = await findRun(runId, db);
  if (!run) throw new Error(`run ${runId} does not exist`);
  // A run stopped by its spend cap continues like an interrupted one (its cap may have been raised).
  const resumed = run.status === RUN_STATUS.running || run.status === RUN_STATUS.budgetReached;
  const events = new EventWriter(runId, db);
  const parsed = runConfigSchema.safeParse(run.config);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join('; ');
    return finish(runId, events, failedEnding({ code: 'invalid_config', message }), db, true);
  }
  const config = parsed.data;
  const engine = await startEngine(run, config, resumed, events, signal, db);
  try {
    if (resumed) await announceUnannouncedCalls(runId, events, db);
    const result = await runToResult(engine.ctx, config);
    const completed: RunEnding = {
      event: { type: 'run.completed', payload: { result } },
      row: { status: RUN_STATUS.completed, result, error: null, finishedAt: new Date() },
    };
    await finish(runId, events, completed, db, true);
  } catch (error) {
    // What was evaluated stays in the record (a resume reuses it), whatever stopped the run.
    await engine.ctx.stored.flush().catch(() => undefined);
    await finish(runId, events, await endingOf(error, engine, signal, config, db), db);
  } finally {
    await engine.close();
  }
}

/** Starts (or joins) the execution of a run in this process; resolves when it ends. */
export function startRun(runId: string, db?: Database): Promise<void> {
  const existing = active.get(runId);
  if (existing) return existing.done;
  // Warm sandbox processes for every run of this process (lib/sandbox/pool.ts).
  ensureSandboxPool();
  const controller = new AbortController();
  // Every sandboxed process and model request of the run listens to this one signal.
  setMaxListeners(0, controller.signal);
  // A cancel from another process (`stop cancel` against PostgreSQL) only changes the row: notice it.
  const watcher = setInterval(() => {
    findRun(runId, db).then(
      (run) => run?.status === RUN_STATUS.cancelled && controller.abort(),
      () => undefined,
    );
  }, CANCEL_POLL_MS);
  watcher.unref();
  const done = executeRun(runId, controller.signal, db).finally(() => {
    clearInterval(watcher);
    active.delete(runId);
  });
  active.set(runId, { controller, done });
  return done;
}

export function isRunActive(runId: string): boolean {
  return active.has(runId);
}

/** Asks a run executing in this process to stop; false when it is not executing here. */
export function abortRun(runId: string): boolean {
  const entry = active.get(runId);
  if (!entry) return false;
  entry.controller.abort();
  return true;
}

export const QUARANTINED = 'quarantined';

/** Why a run is not resumed automatically again (its error message; the UI and CLI offer a manual resume). */
function quarantineReason(crashes: number): string {
  return (
    `The server stopped ${crashes} times while executing this run, the last time during an automatic resume, ` +
    'so it was not resumed again (a run that crashes the server would otherwise do so on every start). ' +
    'Resume it by hand once the cause is understood: Resume on the run page, or `stop resume RUN_ID`.'
  );
}

/**
 * On start: every run left queued or running (e.g. by a killed server) continues from its last step,
 * unless the server already died during an automatic resume of it: such a run is quarantined (failed,
 * with the reason) instead of taking the server down again.
 */
export async function resumeUnfinishedRuns(db?: Database): Promise<{ resumed: string[]; quarantined: string[] }> {
  const unfinished = await listRunsByStatus([...ACTIVE_STATUSES], db);
  const resumed: string[] = [];
  const quarantined: string[] = [];
  for (const run of unfinished) {
    if (isRunActive(run.id)) continue;
    if (run.status === RUN_STATUS.running && run.resumeAttempts >= 1) {
      const error = { code: QUARANTINED, message: quarantineReason(run.resumeAttempts + 1) };
      await recordEvent(run.id, 'run.failed', { error }, db);
      await updateRun(run.id, { status: RUN_STATUS.failed, error, finishedAt: new Date() }, db);
      quarantined.push(run.id);
      continue;
    }
    // A queued run never started: nothing crashed. A running one did: count the attempt before starting.
    if (run.status === RUN_STATUS.running) await updateRun(run.id, { resumeAttempts: run.resumeAttempts + 1 }, db);
    startRun(run.id, db).catch((error: unknown) => {
      console.error(`[runs] resuming ${run.id} failed:`, error);
    });
    resumed.push(run.id);
  }
  return { resumed, quarantined };
}

/**
 * Resumes one run by hand: an unfinished one, or one that failed (a quarantined run included). The
 * crash count starts again. Resolves once it is running again; `finished` when the execution ends.
 */
export async function resumeRunByHand(runId: string, db?: Database): Promise<{ finished: Promise<void> }> {
  const run = await findRun(runId, db);
  if (!run) throw new Error(`run ${runId} does not exist`);
  if (!isActive(run.status) && run.status !== RUN_STATUS.failed) {
    throw new Error(`run ${runId} is ${run.status}; only unfinished or failed runs can be resumed`);
  }
  if (!isRunActive(runId)) {
    await updateRun(runId, { status: RUN_STATUS.running, error: null, finishedAt: null, resumeAttempts: 0 }, db);
  }
  return { finished: startRun(runId, db) };
}

import 'server-only';
import { newId } from '@/db/ids';
import { findRun, insertRun, updateRun } from '@/db/queries/runs';
import type { Database } from '@/db/client';
import { runConfigSchema, defaultTitle, spendCapSchema, type RunConfigInput, type SpendCap, type StopRunConfig } from './config';
import { recordEvent } from './events';
import { abortRun, resumeRunByHand, resumeUnfinishedRuns, startRun } from './runner';
import { forkRunRecords } from './fork';
import { isActive, RUN_STATUS } from './status';

/** The run service: what server actions, API routes and the CLI call to start and control runs. */
export interface LaunchResult {
  runId: string;
  /** Resolves when the run ends (the web app does not wait; the command line does). */
  finished: Promise<void>;
}

function providerOf(config: { model: { provider: string; model?: string } }): { provider: string; model: string } {
  return { provider: config.model.provider, model: config.model.model ?? config.model.provider };
}

/** Validates, stores and starts a run of any kind. */
export async function launchRun(input: RunConfigInput, db?: Database): Promise<LaunchResult> {
  const config = runConfigSchema.parse(input);
  const runId = newId('run');
  const { provider, model } = providerOf(config);
  const estimate = config.kind === 'stop' ? await recordedEstimate(config, db) : undefined;
  await insertRun(
    {
      id: runId,
      kind: config.kind,
      title: config.title?.trim() || defaultTitle(config),
      status: RUN_STATUS.queued,
      // The preflight estimate rides along (unknown keys are dropped when the config is parsed again), so
      // that it can be compared with the actual wall time afterwards and the run page can count down.
      config: estimate ? { ...config, estimate } : config,
      seedImprover: config.kind === 'stop' ? config.seedImprover : 'improver' in config ? config.improver : '',
      provider,
      model,
      baseUrl: config.model.provider === 'openai' ? (config.model.baseUrl ?? null) : null,
    },
    db,
  );
  return { runId, finished: startRun(runId, db) };
}

async function recordedEstimate(config: StopRunConfig, db?: Database): Promise<Record<string, unknown> | undefined> {
  try {
    const { estimateStopRun } = await import('@/lib/stop/preflight');
    const { seconds, plan, rates } = await estimateStopRun(config.seedImprover, config, db);
    return { seconds, plan, rates, at: new Date().toISOString() };
  } catch {
    return undefined; // an estimate is a courtesy; the run starts without one
  }
}

export async function launchStopRun(config: StopRunConfig, db?: Database): Promise<LaunchResult> {
  return launchRun({ ...config, kind: 'stop' }, db);
}

/** Stops a queued or running run. Returns false when it had already ended. */
export async function cancelRun(runId: string, db?: Database): Promise<boolean> {
  const run = await findRun(runId, db);
  if (!run) throw new Error(`run ${runId} does not exist`);
  if (!isActive(run.status)) return false;
  if (!abortRun(runId)) {
    // Not executing in this process (e.g. left over from a stopped server): mark it directly.
    await recordEvent(runId, 'run.cancelled', {}, db);
    await updateRun(runId, { status: RUN_STATUS.cancelled, finishedAt: new Date() }, db);
  }
  return true;
}

/**
 * A new run that starts from `iteration` of the source run: it keeps the source's improvers, steps,
 * evaluations and LM record up to there and computes the rest (optionally with other settings).
 */
export async function forkRun(
  runId: string,
  iteration: number,
  overrides: { iterations?: number; seed?: number } = {},
  db?: Database,
): Promise<LaunchResult> {
  const newRunId = await forkRunRecords(runId, iteration, overrides, db);
  return { runId: newRunId, finished: startRun(newRunId, db) };
}

/** Resumes a failed (e.g. quarantined) or unfinished run by hand, from its last completed step. */
export async function resumeRun(runId: string, db?: Database): Promise<LaunchResult> {
  const { finished } = await resumeRunByHand(runId, db);
  return { runId, finished };
}

/**
 * Resumes every unfinished run in this process (a run that crashed a resume before is quarantined);
 * `finished` resolves when all resumed runs have ended.
 */
export async function resumeUnfinished(db?: Database): Promise<{ resumed: string[]; quarantined: string[]; finished: Promise<void> }> {
  const { resumed, quarantined } = await resumeUnfinishedRuns(db);
  return { resumed, quarantined, finished: Promise.all(resumed.map((id) => startRun(id, db))).then(() => undefined) };
}

/**
 * Continues a run that stopped at its spend cap, with a new (normally higher) cap; everything it did
 * so far is kept. A cap that is still reached stops it again at once.
 */
export async function resumeWithCap(runId: string, cap: SpendCap, db?: Database): Promise<LaunchResult> {
  const run = await findRun(runId, db);
  if (!run) throw new Error(`run ${runId} does not exist`);
  if (run.status !== RUN_STATUS.budgetReached) throw new Error(`run ${runId} is ${run.status}, not stopped by its spend cap`);
  const spendCap = spendCapSchema.parse(cap);
  // Running from here on, so that a page loaded right after this follows the run live.
  await updateRun(runId, { config: { ...run.config, spendCap }, status: RUN_STATUS.running }, db);
  return { runId, finished: startRun(runId, db) };
}

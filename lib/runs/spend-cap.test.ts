import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listImprovers } from '@/db/queries/improvers';
import { listLmCalls } from '@/db/queries/lm-calls';
import { setModelPrice } from '@/db/queries/prices';
import { findRun, listEvents } from '@/db/queries/runs';
import { listSteps } from '@/db/queries/steps';
import { estimateStopRun } from '@/lib/stop/preflight';
import { openTestDatabase } from '@/testing/databases';
import { stopRunConfigSchema } from './config';
import { launchRun, resumeWithCap } from './service';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');

describe('a STOP run with a dollar cap below its estimate (real sandbox, scripted model with a price, PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    // The scripted model is free unless the price table says otherwise.
    await setModelPrice({ model: 'scripted', inputPerMillion: 100, outputPerMillion: 100 }, handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stops with budget_reached, keeps its records, and completes after resuming with a higher cap', async () => {
    const config = stopRunConfigSchema.parse({
      seedImprover: SEED,
      taskId: 'parity',
      iterations: 2,
      repeats: 1,
      copies: 2,
      spendCap: { maxCostUsd: 0.5 },
    });
    const estimate = await estimateStopRun(SEED, config, handle.db);
    expect(estimate.costUsd).toBeGreaterThan(config.spendCap!.maxCostUsd!);

    const { runId, finished } = await launchRun(config, handle.db);
    await finished;
    const stopped = await findRun(runId, handle.db);
    expect(stopped?.status).toBe('budget_reached');
    expect(stopped?.error?.code).toBe('budget_reached');
    const callsBefore = await listLmCalls(runId, {}, handle.db);
    const spentBefore = callsBefore.reduce((sum, call) => sum + call.costUsd, 0);
    // Every request is refused before it is sent if it could cross the cap: the cap is never exceeded.
    expect(spentBefore).toBeLessThanOrEqual(0.5);
    const improversBefore = await listImprovers(runId, handle.db);
    expect(improversBefore.length).toBeLessThan(3);
    const eventsBefore = await listEvents(runId, {}, handle.db);
    const reached = eventsBefore.filter((event) => event.type === 'run.budget_reached');
    expect(reached).toHaveLength(1);
    expect(reached[0]!.payload).toMatchObject({ max_cost_usd: 0.5 });
    expect(eventsBefore.some((event) => event.type === 'run.completed')).toBe(false);

    // A cap that still cannot pay for the next request stops it again at once, without a new model call.
    await (await resumeWithCap(runId, { maxCostUsd: 0.5 }, handle.db)).finished;
    expect((await findRun(runId, handle.db))?.status).toBe('budget_reached');
    expect(await listLmCalls(runId, {}, handle.db)).toHaveLength(callsBefore.length);

    const resumed = await resumeWithCap(runId, { maxCostUsd: 1_000 }, handle.db);
    await resumed.finished;
    const done = await findRun(runId, handle.db);
    expect(done?.status).toBe('completed');
    expect(done?.error).toBeNull();
    expect((done?.config as { spendCap?: unknown }).spendCap).toEqual({ maxCostUsd: 1_000 });
    const improversAfter = await listImprovers(runId, handle.db);
    expect(improversAfter.map((row) => row.iteration)).toEqual([0, 1, 2]);
    for (const before of improversBefore) {
      expect(improversAfter.find((row) => row.iteration === before.iteration)?.id).toBe(before.id);
    }
    const callsAfter = await listLmCalls(runId, {}, handle.db);
    for (const call of callsBefore) expect(callsAfter.find((row) => row.id === call.id)).toBeDefined();
    const log = await listEvents(runId, {}, handle.db);
    expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
    expect(log.at(-1)?.type).toBe('run.completed');
    await expect(resumeWithCap(runId, { maxCostUsd: 2_000 }, handle.db)).rejects.toThrow(/not stopped by its spend cap/);

    // Each invocation's stored result keeps the host-side record of its utility calls (the trace view).
    const [improve] = await listSteps(runId, 'r0/t1/improve', handle.db);
    const trace = (improve?.result as { utilityTrace?: { program_hash: string; score: number | null; cached: boolean }[]; utilityCalls: number }) ?? null;
    expect(trace?.utilityTrace?.length).toBe(trace?.utilityCalls);
    expect(trace!.utilityTrace!.length).toBeGreaterThan(0);
    for (const call of trace!.utilityTrace!) expect(call.program_hash).toMatch(/^[0-9a-f]+$/);
  });
});

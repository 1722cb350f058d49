import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listEvaluations } from '@/db/queries/evaluations';
import { listImprovers } from '@/db/queries/improvers';
import { findRun, listEvents } from '@/db/queries/runs';
import { installedSandboxPool, installSandboxPool } from '@/lib/sandbox/pool';
import { leftovers } from '@/lib/sandbox/testing/fixtures';
import { openTestDatabase } from '@/testing/databases';
import { exportRunBundle, importRunBundle } from './bundle';
import { etaViewOf } from './estimate-view';
import { cancelRun, forkRun, launchRun } from './service';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');


describe('runs end to end (real sandbox, scripted model, PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('improves once, and test instances are only used after the improver has returned', async () => {
    const { runId, finished } = await launchRun({ kind: 'improve', improver: SEED, taskId: 'parity' }, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status).toBe('completed');
    const result = run!.result as Record<string, unknown>;
    expect(result).toMatchObject({ task: 'parity', error: null });
    expect(result.utility_after as number).toBeGreaterThanOrEqual(result.utility_before as number);
    expect(result.lm_calls).toBeGreaterThan(0);
    expect(result.tokens).toBeGreaterThan(0);
    const evaluations = await listEvaluations(runId, handle.db);
    const train = evaluations.filter((row) => row.instanceSet === 'train');
    const test = evaluations.filter((row) => row.instanceSet === 'test');
    expect(train.length).toBeGreaterThan(1);
    // One test evaluation: the returned solution, scored after the invocation.
    expect(test).toHaveLength(1);
    const lastTrain = Math.max(...train.map((row) => row.id));
    expect(test[0]!.id).toBeGreaterThan(lastTrain - 1);
  });

  it('flags an improver that silently returns the original solution', async () => {
    const lazy = 'def improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution\n';
    const { runId, finished } = await launchRun({ kind: 'improve', improver: lazy, taskId: 'parity' }, handle.db);
    await finished;
    const result = (await findRun(runId, handle.db))?.result as { flags: string[]; utility_after: number; utility_before: number };
    expect(result.flags).toContain('returned_original');
    expect(result.utility_after).toBe(result.utility_before);
  });

  it('runs STOP, exports and re-imports it, and forks it from iteration 0', async () => {
    const { runId, finished } = await launchRun(
      { kind: 'stop', seedImprover: SEED, taskId: 'parity', iterations: 1, repeats: 1, copies: 2 },
      handle.db,
    );
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status).toBe('completed');
    // The preflight estimate is recorded with the run, to compare with its actual wall time afterwards.
    expect(etaViewOf(run!.config, run!.startedAt ?? run!.createdAt)?.estimatedSeconds).toBeGreaterThan(0);
    const improvers = await listImprovers(runId, handle.db);
    expect(improvers.map((row) => row.iteration)).toEqual([0, 1]);
    expect(improvers[0]!.code).toBe(SEED);
    expect(improvers[0]!.testMetaUtility).not.toBeNull();
    const types = (await listEvents(runId, {}, handle.db)).map((event) => event.type);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.completed');
    expect(types).toContain('lm.call');
    expect(types).toContain('meta_utility.measured');

    const bundle = JSON.parse(JSON.stringify(await exportRunBundle(runId, handle.db)));
    const imported = await importRunBundle(bundle, handle.db);
    const importedImprovers = await listImprovers(imported.runId, handle.db);
    expect(importedImprovers.map((row) => [row.iteration, row.code, row.testMetaUtility])).toEqual(
      improvers.map((row) => [row.iteration, row.code, row.testMetaUtility]),
    );
    await expect(importRunBundle({ format: 'something-else' }, handle.db)).rejects.toThrow(/not a STOP Studio run bundle/);

    const fork = await forkRun(runId, 0, { seed: 7 }, handle.db);
    await fork.finished;
    const forked = await findRun(fork.runId, handle.db);
    expect(forked?.status).toBe('completed');
    expect(forked?.parentRunId).toBe(runId);
    const forkedImprovers = await listImprovers(fork.runId, handle.db);
    expect(forkedImprovers.map((row) => row.iteration)).toEqual([0, 1]);
    expect(forkedImprovers[0]!.testMetaUtility).toBe(improvers[0]!.testMetaUtility);
  });

  it('cancels a running STOP run promptly and leaves no sandboxed process behind', async () => {
    const { runId, finished } = await launchRun(
      { kind: 'stop', seedImprover: SEED, taskId: 'lpn', iterations: 5, repeats: 2, copies: 3 },
      handle.db,
    );
    for (let waited = 0; waited < 60_000; waited += 200) {
      const events = await listEvents(runId, {}, handle.db);
      if (events.some((event) => event.type === 'iteration.started')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await cancelRun(runId, handle.db)).toBe(true);
    await finished;
    expect((await findRun(runId, handle.db))?.status).toBe('cancelled');
    // Warm spares of the process-wide pool are not the run's; close them, then nothing may be left.
    await installedSandboxPool()?.close();
    installSandboxPool(undefined);
    expect(await leftovers()).toEqual({ processes: [], scratchDirs: [] });
  });

  it('measures the sandbox study with Wilson intervals', async () => {
    const { runId, finished } = await launchRun({ kind: 'sandbox-study', samples: 30 }, handle.db);
    await finished;
    const result = (await findRun(runId, handle.db))?.result as {
      variants: { name: string; n: number; rate: number; ci_low: number; ci_high: number }[];
      p_value: number;
    };
    expect(result.variants.map((variant) => variant.name)).toEqual(['plain', 'warning']);
    for (const variant of result.variants) {
      expect(variant.n).toBe(30);
      expect(variant.ci_low).toBeLessThanOrEqual(variant.rate);
      expect(variant.ci_high).toBeGreaterThanOrEqual(variant.rate);
    }
    expect(result.p_value).toBeGreaterThan(0);
    expect(result.p_value).toBeLessThanOrEqual(1);
  });
});

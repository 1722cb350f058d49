import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listEvaluations, saveEvaluation, type EvaluationKey } from '@/db/queries/evaluations';
import { insertRun } from '@/db/queries/runs';
import { openTestDatabase } from '@/testing/databases';
import { EVALUATION_BATCH_MAX, EvaluationStore } from './evaluation-store';

const key = (runId: string, hash: string, instanceSet: 'train' | 'test' = 'train'): EvaluationKey => ({
  runId,
  taskId: 'lpn',
  instanceSet,
  instanceSeed: 7,
  solutionHash: hash,
});

describe('EvaluationStore (PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    for (const id of ['run_a', 'run_b']) {
      await insertRun({ id, kind: 'stop', title: id, status: 'running', config: {}, provider: 'scripted', model: 'scripted' }, handle.db);
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('answers what this execution saved at once, and has it all in the record after flush', async () => {
    const store = new EvaluationStore('run_a', handle.db);
    expect(await store.lookup(key('run_a', 'h1'))).toBeUndefined();
    store.save({ ...key('run_a', 'h1'), utility: 0.25, durationMs: 12, detail: { program_cpu_ms: 3 } });
    store.save({ ...key('run_a', 'h2', 'test'), utility: 0.75 });
    expect(await store.lookup(key('run_a', 'h1'))).toBe(0.25);
    expect(await store.lookup(key('run_a', 'h2', 'test'))).toBe(0.75);
    expect(await store.lookup(key('run_a', 'h2', 'train'))).toBeUndefined();
    await store.flush();
    const rows = await listEvaluations('run_a', handle.db);
    expect(rows.map((row) => [row.solutionHash, row.instanceSet, row.utility, row.durationMs])).toEqual([
      ['h1', 'train', 0.25, 12],
      ['h2', 'test', 0.75, 0],
    ]);
    expect(rows[0]!.detail).toEqual({ program_cpu_ms: 3 });
  });

  it('a later execution (a resumed run) finds what earlier ones stored, and only its own run', async () => {
    await saveEvaluation({ ...key('run_b', 'stored'), utility: 0.5 }, handle.db);
    const resumed = new EvaluationStore('run_b', handle.db);
    expect(await resumed.lookup(key('run_b', 'stored'))).toBe(0.5);
    expect(await resumed.lookup(key('run_b', 'h1'))).toBeUndefined();
  });

  it('writes many rows in batches, and an existing row wins over a second save of its key', async () => {
    const store = new EvaluationStore('run_b', handle.db);
    const count = EVALUATION_BATCH_MAX * 2 + 5;
    for (let index = 0; index < count; index += 1) store.save({ ...key('run_b', `many-${index}`), utility: index / count });
    store.save({ ...key('run_b', 'stored'), utility: 0.9 });
    await store.flush();
    const rows = await listEvaluations('run_b', handle.db);
    expect(rows.filter((row) => row.solutionHash.startsWith('many-'))).toHaveLength(count);
    expect(rows.find((row) => row.solutionHash === 'stored')?.utility).toBe(0.5);
  });

  it('a batch that cannot be written fails the flush (the run), not the evaluations that went before', async () => {
    const store = new EvaluationStore('run_missing', handle.db);
    store.save({ ...key('run_missing', 'orphan'), utility: 0.1 });
    await expect(store.flush()).rejects.toThrow();
    expect(await listEvaluations('run_missing', handle.db)).toEqual([]);
  });
});

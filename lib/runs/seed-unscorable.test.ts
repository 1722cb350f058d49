import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listImprovers } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import { openTestDatabase } from '@/testing/databases';
import { launchRun } from './service';

const BROKEN = 'def improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution +\n';

describe('a STOP run whose seed never scores (real sandbox, scripted model, PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('ends failed with the reason instead of completing at 0 %', async () => {
    const { runId, finished } = await launchRun({ kind: 'stop', seedImprover: BROKEN, taskId: 'parity', iterations: 2, repeats: 2, copies: 2 }, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status).toBe('failed');
    expect(run?.error?.code).toBe('seed_unscorable');
    expect(run?.error?.message).toMatch(/never produced a scorable result/);
    // Nothing past the seed was attempted.
    expect((await listImprovers(runId, handle.db)).every((improver) => improver.iteration === 0)).toBe(true);
  });
});

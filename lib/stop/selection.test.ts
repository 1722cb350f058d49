import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listImprovers } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import type { AdoptionGate } from '@/lib/runs/config';
import { launchRun } from '@/lib/runs/service';
import { openTestDatabase } from '@/testing/databases';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');
const RUN_SEEDS = [1, 2];

/** Per repeat: test meta-utility of the seed (iteration 0) and of the final improver. */
async function runStop(db: DatabaseHandle['db'], adoption: AdoptionGate, seed: number) {
  const { runId, finished } = await launchRun(
    { kind: 'stop', seedImprover: SEED, taskId: 'lpn', iterations: 2, repeats: 3, copies: 2, adoption, seed },
    db,
  );
  await finished;
  const run = await findRun(runId, db);
  expect(run?.status).toBe('completed');
  const improvers = await listImprovers(runId, db);
  return [0, 1, 2].map((repeat) => {
    const rows = improvers.filter((row) => row.repeat === repeat);
    return {
      start: rows.find((row) => row.iteration === 0)!.testMetaUtility!,
      end: rows.find((row) => row.iteration === 2)!.testMetaUtility!,
    };
  });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

// STOP with the scripted model on parity with noise: T = 2, R = 3, k = 2, two run seeds per arm.
describe('selection is what makes STOP improve', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('raises the test meta-utility with selection, and does not reliably raise it with random adoption', async () => {
    const withSelection = [];
    const withoutSelection = [];
    for (const seed of RUN_SEEDS) {
      withSelection.push(...(await runStop(handle.db, 'any-nonzero', seed)));
      withoutSelection.push(...(await runStop(handle.db, 'random', seed)));
    }
    // With selection: the final improvers beat the seed improver on held-out instances, and no repeat
    // ends below where it started.
    expect(mean(withSelection.map((repeat) => repeat.end))).toBeGreaterThan(
      mean(withSelection.map((repeat) => repeat.start)) + 0.05,
    );
    for (const repeat of withSelection) expect(repeat.end).toBeGreaterThanOrEqual(repeat.start);
    // Without selection: some repeat ends worse than it started, and on average it does worse than
    // with selection.
    expect(withoutSelection.some((repeat) => repeat.end < repeat.start)).toBe(true);
    expect(mean(withoutSelection.map((repeat) => repeat.end))).toBeLessThan(
      mean(withSelection.map((repeat) => repeat.end)),
    );
  });
});

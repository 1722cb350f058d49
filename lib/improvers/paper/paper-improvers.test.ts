import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { findRun, listEvents } from '@/db/queries/runs';
import { launchRun } from '@/lib/runs/service';
import { openTestDatabase } from '@/testing/databases';
import { readProgram } from '@/lib/improvers/programs';

/**
 * Improver listings written for the reference implementation, run unchanged (lib/improvers/paper,
 * sources in its README): real sandboxes, the scripted model, PGlite. Each must complete, or fail only
 * with an error of its own making, reported with its code, message and the improver's line.
 */
const LISTINGS = readdirSync(path.join(process.cwd(), 'lib/improvers/paper'))
  .filter((file) => file.endsWith('.py'))
  .map((file) => [file, readProgram(`paper/${file}`)] as const);

interface ImproveResult {
  utility_before: number;
  utility_after: number;
  error: { code: string; message: string } | null;
}

describe('improver listings of the reference run unchanged on lpn', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it.each(LISTINGS)('%s completes (or fails only with its own bug, located)', async (_file, improver) => {
    const { runId, finished } = await launchRun({ kind: 'improve', improver, taskId: 'lpn' }, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status, JSON.stringify(run?.error)).toBe('completed');
    const result = run!.result as unknown as ImproveResult;
    if (result.error) {
      // Its own bug: an exception inside the listing, located in the listing's own lines.
      expect(result.error.code).toBe('exception');
      expect(result.error.message).toMatch(/improver\.py line \d+/);
    } else {
      expect(result.utility_after).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('an older-form beam search that overspends its utility budget by one call', () => {
  const BEAM = readProgram('testing/beam_search_legacy.py');
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it.each(['lpn', '3sat', 'maxcut'])('completes on %s without making the utility worse', async (taskId) => {
    const { runId, finished } = await launchRun({ kind: 'improve', improver: BEAM, taskId }, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status, JSON.stringify(run?.error)).toBe('completed');
    const result = run!.result as unknown as ImproveResult;
    expect(result.error).toBeNull();
    expect(result.utility_after).toBeGreaterThanOrEqual(result.utility_before);
    const events = await listEvents(runId, {}, handle.db);
    const overBudget = events.filter((event) => event.type === 'circumvention' && (event.payload as { kind?: string }).kind === 'utility_over_budget');
    expect(overBudget).toHaveLength(1);
  });
});

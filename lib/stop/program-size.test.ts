import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { findRun, listEvents } from '@/db/queries/runs';
import { listSteps } from '@/db/queries/steps';
import { launchRun } from '@/lib/runs/service';
import { openTestDatabase } from '@/testing/databases';
import { MAX_IMPROVER_CHARS } from './improver-size';

/** An improver that returns a 30 MiB program. */
const BLOATED_IMPROVER = `
def improve_algorithm(initial_solution, utility, language_model):
    return initial_solution + "\\n# " + "x" * (30 * 1024 * 1024) + "\\n"
`;

describe('every program an improver returns is held to the 200,000-character limit (real sandbox, PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('a 30 MiB program is refused with program_too_long and stored nowhere', async () => {
    const { runId, finished } = await launchRun({ kind: 'improve', improver: BLOATED_IMPROVER, taskId: 'parity' }, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status).toBe('completed');
    const result = run?.result as { error: { code: string; message: string } | null; utility_after: number | null };
    expect(result.error?.code).toBe('program_too_long');
    expect(result.error?.message).toMatch(/31,457,\d{3} characters, over the 200,000-character limit/);
    expect(result.utility_after).toBeNull();
    const stored = JSON.stringify([await listSteps(runId, '', handle.db), await listEvents(runId, {}, handle.db), run]);
    expect(stored.length).toBeLessThan(MAX_IMPROVER_CHARS);
  });
});

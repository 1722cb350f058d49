import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { findRun, listEvents } from '@/db/queries/runs';
import type { ApiMode } from '@/lib/runs/config';
import { launchRun } from '@/lib/runs/service';
import { openTestDatabase } from '@/testing/databases';
import { readProgram } from '@/lib/improvers/programs';

/** The beam search asking for 10 responses per call, as the paper's beam-search listing does. */
const BEAM_N10 = readProgram('testing/beam_search_legacy.py').replace(
  'n_responses=language_model.max_responses_per_call',
  'n_responses=10',
);

const BATCH_WITHOUT_TEMPERATURE = `from helpers import extract_code

def improve_algorithm(initial_solution, utility, language_model):
    responses = language_model.batch_prompt("You are an expert programmer.", ["Improve:\\n" + initial_solution] * 2)
    return max(extract_code(responses) + [initial_solution], key=utility)
`;

const BATCH_OVER_MAX = `def improve_algorithm(initial_solution, utility, language_model):
    language_model.batch_prompt("You are an expert programmer.", ["Improve it"] * (language_model.max_responses_per_call + 1), temperature=0.7)
    return initial_solution
`;

interface ImproveResult {
  lm_calls: number;
  error: { code: string; message: string } | null;
}

describe("the improver's language-model API: 'reference' asserts as the reference, 'lenient' adapts", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function improve(improver: string, apiMode: ApiMode) {
    const { runId, finished } = await launchRun({ kind: 'improve', improver, taskId: 'lpn', apiMode }, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status, JSON.stringify(run?.error)).toBe('completed');
    return { runId, result: run!.result as unknown as ImproveResult };
  }

  it('the beam search with n = 10 raises in reference mode, before any call is counted', async () => {
    const { result } = await improve(BEAM_N10, 'reference');
    expect(result.error?.code).toBe('exception');
    expect(result.error?.message).toMatch(/AssertionError/);
    expect(result.lm_calls).toBe(0);
  });

  it('the same beam search completes in lenient mode, each cut recorded', async () => {
    const { runId, result } = await improve(BEAM_N10, 'lenient');
    expect(result.error).toBeNull();
    const events = await listEvents(runId, {}, handle.db);
    expect(events.some((event) => event.type === 'circumvention' && (event.payload as { kind?: string }).kind === 'n_capped')).toBe(true);
  });

  it('batch_prompt needs a temperature in reference mode and defaults it in lenient mode', async () => {
    const strict = await improve(BATCH_WITHOUT_TEMPERATURE, 'reference');
    expect(strict.result.error?.message).toMatch(/temperature/);
    expect(strict.result.lm_calls).toBe(0);
    const lenient = await improve(BATCH_WITHOUT_TEMPERATURE, 'lenient');
    expect(lenient.result.error).toBeNull();
    expect(lenient.result.lm_calls).toBe(1);
  });

  it('a batch over max_responses_per_call raises in reference mode', async () => {
    const { result } = await improve(BATCH_OVER_MAX, 'reference');
    expect(result.error?.message).toMatch(/AssertionError/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listLmCalls } from '@/db/queries/lm-calls';
import { findRun, listEvents } from '@/db/queries/runs';
import { startScriptedServer, type ScriptedServer } from '@/lib/scripted-model/server';
import { openTestDatabase } from '@/testing/databases';
import { launchRun } from './service';

/** An improver that asks for all it may: 20 calls of 32 responses each. */
const GREEDY_IMPROVER = `
def improve_algorithm(initial_solution, utility, language_model):
    expertise = "You are an expert programmer who improves algorithms."
    for attempt in range(20):
        message = "Improve this solution (attempt %d):\\n\`\`\`python\\n%s\\n\`\`\`" % (attempt, initial_solution)
        language_model.prompt(expertise, message, n_responses=32, temperature=0.7)
    return initial_solution
`;

describe('the spend cap is checked before every model request (real sandbox, openai client, scripted server, PGlite)', () => {
  let handle: DatabaseHandle;
  let server: ScriptedServer;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    server = await startScriptedServer({ port: 0, seed: 5 });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.close();
  });

  async function greedyRun(maxTokens: number) {
    const { runId, finished } = await launchRun(
      {
        kind: 'improve',
        improver: GREEDY_IMPROVER,
        taskId: 'parity',
        budgets: { lmCalls: 20, maxResponsesPerCall: 32, utilityCalls: 5, metaUtilityCalls: 5 },
        model: { provider: 'openai', model: 'scripted', baseUrl: server.url },
        spendCap: { maxTokens },
      },
      handle.db,
    );
    await finished;
    const calls = await listLmCalls(runId, {}, handle.db);
    const spent = calls.reduce((sum, call) => sum + call.promptTokens + call.completionTokens, 0);
    const events = await listEvents(runId, {}, handle.db);
    return { run: await findRun(runId, handle.db), calls, spent, events };
  }

  it('a cap of 100 tokens: no request that could cross it is sent, and the run ends budget_reached with the amount', async () => {
    const requestsBefore = server.stats().requests;
    const { run, calls, spent, events } = await greedyRun(100);
    expect(run?.status).toBe('budget_reached');
    expect(run?.error?.code).toBe('budget_reached');
    expect(run?.error?.message).toMatch(/0 tokens of 100 tokens.*could cost up to .* tokens, was not sent/);
    expect(spent).toBeLessThanOrEqual(100);
    expect(calls).toHaveLength(0);
    expect(server.stats().requests).toBe(requestsBefore);
    const reached = events.filter((event) => event.type === 'run.budget_reached');
    expect(reached).toHaveLength(1);
    expect(reached[0]!.payload).toMatchObject({ spent_tokens: spent, max_tokens: 100 });
    expect(events.some((event) => event.type === 'run.completed')).toBe(false);
  });

  it('a cap that admits a few requests: they are answered, the next one is refused, and the spend stays within the cap', async () => {
    // One request reserves 32 × (its prompt + 8,192 answer tokens), about 265,000 tokens; answered, it
    // costs about 2,100. So this cap admits about a dozen of the 20 calls.
    const cap = 290_000;
    const { run, calls, spent } = await greedyRun(cap);
    expect(run?.status).toBe('budget_reached');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThan(20);
    for (const call of calls) expect(call.error).toBeNull();
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(cap);
  });
});

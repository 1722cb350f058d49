import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listImprovers } from '@/db/queries/improvers';
import { listLmCalls } from '@/db/queries/lm-calls';
import { findRun } from '@/db/queries/runs';
import { startScriptedServer } from '@/lib/scripted-model/server';
import { openTestDatabase } from '@/testing/databases';
import { launchRun } from './service';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');

describe('a STOP run recorded against the scripted HTTP model', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it.each(['scripted', 'scripted-strong'])('%s: replays with the server stopped, yielding the same improvers and scores at no model cost', async (model) => {
    const server = await startScriptedServer({ port: 0, host: '127.0.0.1', latencyMs: 20, seed: 3 });
    // Small budgets for the profile model: its improvers iterate and would spend the full budgets.
    const budgets = model === 'scripted' ? {} : { budgets: { lmCalls: 2, maxResponsesPerCall: 3, utilityCalls: 6, metaUtilityCalls: 3 } };
    const base = { kind: 'stop' as const, seedImprover: SEED, taskId: 'parity', iterations: 1, repeats: 1, copies: 2, ...budgets };
    const recorded = await launchRun({ ...base, model: { provider: 'openai', model, baseUrl: server.url } }, handle.db);
    await recorded.finished;
    await server.close();
    expect((await findRun(recorded.runId, handle.db))?.status).toBe('completed');
    const recordedCalls = await listLmCalls(recorded.runId, {}, handle.db);
    expect(recordedCalls.length).toBeGreaterThan(0);

    const replayed = await launchRun({ ...base, model: { provider: 'replay', replayRunId: recorded.runId } }, handle.db);
    await replayed.finished;
    const replayRun = await findRun(replayed.runId, handle.db);
    expect(replayRun?.error ?? null).toBeNull();
    expect(replayRun?.status).toBe('completed');
    const original = await listImprovers(recorded.runId, handle.db);
    const again = await listImprovers(replayed.runId, handle.db);
    expect(again.map((row) => [row.iteration, row.code, row.trainMetaUtility, row.testMetaUtility])).toEqual(
      original.map((row) => [row.iteration, row.code, row.trainMetaUtility, row.testMetaUtility]),
    );
    expect((replayRun?.result as { usage: { cost_usd: number } }).usage.cost_usd).toBe(0);
    // Every replayed call answered exactly what was recorded, reasoning and notes included.
    const byKey = new Map(recordedCalls.map((call) => [`${call.requestKey}#${call.ordinal}`, call]));
    for (const call of await listLmCalls(replayed.runId, {}, handle.db)) {
      const original = byKey.get(`${call.requestKey}#${call.ordinal}`);
      expect([call.responses, call.meta]).toEqual([original?.responses, original?.meta]);
    }
  });
});

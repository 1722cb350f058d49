import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { newId } from '@/db/ids';
import { openTestDatabase, testBackends } from '@/testing/databases';
import { findRecordedLmCall, listLmCalls, recordLmCall, summariseLmCalls } from './lm-calls';
import { deleteModelPrice, listModelPrices, resolveModelPrice, setModelPrice } from './prices';
import { insertRun } from './runs';

describe.each(testBackends())('lm calls and prices on %s', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function newRun(): Promise<string> {
    const run = await insertRun(
      {
        id: newId('run'),
        kind: 'improve',
        title: 'lm calls',
        status: 'running',
        config: {},
        provider: 'scripted',
        model: 'scripted',
      },
      handle.db,
    );
    return run.id;
  }

  const call = (
    runId: string,
    requestKey: string,
    ordinal: number,
    extra: { error?: string; responses?: string[] } = {},
  ) => ({
    runId,
    requestKey,
    ordinal,
    stepKey: 'step',
    provider: 'scripted',
    model: 'scripted',
    request: { messages: ['m'], n: 1 },
    responses: extra.responses ?? ['answer'],
    promptTokens: 10,
    completionTokens: 20,
    costUsd: 0.5,
    latencyMs: 3,
    retries: 1,
    error: extra.error ?? null,
  });

  it('records a call once per (run, key, ordinal) and finds it again', async () => {
    const runId = await newRun();
    const first = await recordLmCall(call(runId, 'k', 0), handle.db);
    expect(first?.id).toBeGreaterThan(0);
    expect(await recordLmCall(call(runId, 'k', 0, { responses: ['other'] }), handle.db)).toBeUndefined();
    await recordLmCall(call(runId, 'k', 1), handle.db);
    expect((await findRecordedLmCall(runId, 'k', 0, handle.db))?.responses).toEqual(['answer']);
    expect(await findRecordedLmCall(runId, 'k', 2, handle.db)).toBeUndefined();
    expect((await listLmCalls(runId, {}, handle.db)).map((row) => row.ordinal)).toEqual([0, 1]);
    // Another run may use the same key.
    expect(await recordLmCall(call(await newRun(), 'k', 0), handle.db)).toBeDefined();
  });

  it('replaces a recorded failure with a later outcome, but never a success', async () => {
    const runId = await newRun();
    await recordLmCall(call(runId, 'f', 0, { error: 'HTTP 500', responses: [] }), handle.db);
    expect(await findRecordedLmCall(runId, 'f', 0, handle.db)).toBeUndefined();
    const retried = await recordLmCall(call(runId, 'f', 0, { responses: ['late'] }), handle.db);
    expect(retried?.error).toBeNull();
    expect((await findRecordedLmCall(runId, 'f', 0, handle.db))?.responses).toEqual(['late']);
    expect(await listLmCalls(runId, {}, handle.db)).toHaveLength(1);
  });

  it('lists after an id, successful only, and sums a run', async () => {
    const runId = await newRun();
    const a = await recordLmCall(call(runId, 'a', 0), handle.db);
    await recordLmCall(call(runId, 'b', 0, { error: 'timeout', responses: [] }), handle.db);
    await recordLmCall(call(runId, 'c', 0), handle.db);
    expect((await listLmCalls(runId, { afterId: a!.id }, handle.db)).map((row) => row.requestKey)).toEqual([
      'b',
      'c',
    ]);
    expect(
      (await listLmCalls(runId, { successfulOnly: true }, handle.db)).map((row) => row.requestKey),
    ).toEqual(['a', 'c']);
    expect(await summariseLmCalls(runId, handle.db)).toEqual({
      calls: 3,
      failedCalls: 1,
      retries: 3,
      promptTokens: 30,
      completionTokens: 60,
      costUsd: 1.5,
      latencyMs: 9,
    });
    expect((await summariseLmCalls('run_none', handle.db)).calls).toBe(0);
  });

  it('keeps an editable price table over built-in defaults', async () => {
    expect((await resolveModelPrice('scripted', handle.db))?.inputPerMillion).toBe(0);
    expect(await resolveModelPrice('gpt-4o-mini-2024-07-18', handle.db)).toMatchObject({
      model: 'gpt-4o-mini',
      source: 'default',
    });
    expect((await resolveModelPrice('gpt-4o', handle.db))?.model).toBe('gpt-4o');
    expect(await resolveModelPrice('my-local-llama', handle.db)).toBeUndefined();
    await setModelPrice({ model: 'gpt-4o', inputPerMillion: 1, outputPerMillion: 2 }, handle.db);
    await setModelPrice({ model: 'gpt-4o', inputPerMillion: 3, outputPerMillion: 4 }, handle.db);
    await setModelPrice({ model: 'my-local-llama', inputPerMillion: 0, outputPerMillion: 0 }, handle.db);
    expect(await resolveModelPrice('gpt-4o', handle.db)).toMatchObject({
      inputPerMillion: 3,
      outputPerMillion: 4,
      source: 'custom',
    });
    const table = await listModelPrices(handle.db);
    expect(table.filter((price) => price.model === 'gpt-4o')).toHaveLength(1);
    expect(table.some((price) => price.model === 'my-local-llama')).toBe(true);
    await deleteModelPrice('gpt-4o', handle.db);
    expect(await resolveModelPrice('gpt-4o', handle.db)).toMatchObject({
      inputPerMillion: 2.5,
      source: 'default',
    });
    await expect(
      setModelPrice({ model: 'x', inputPerMillion: -1, outputPerMillion: 0 }, handle.db),
    ).rejects.toThrow(/≥ 0/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { insertRun } from '@/db/queries/runs';
import type { StoredLmCall } from '@/lib/lm/record';
import { openTestDatabase } from '@/testing/databases';
import { databaseRecorder } from './lm-recorder';

function call(runId: string, requestKey: string, ordinal: number, error: string | null = null): StoredLmCall {
  return {
    runId,
    stepKey: 'r0/t0/improve',
    requestKey,
    ordinal,
    provider: 'scripted',
    model: 'scripted-strong',
    n: 1,
    request: { expertise: 'e', messages: ['m'], n: 1, temperature: 0.7, requested_n: 1, requested_messages: 1, seed: 0 },
    responses: error ? [] : [`answer to ${requestKey}#${ordinal}`],
    promptTokens: 3,
    completionTokens: error ? 0 : 5,
    costUsd: 0,
    latencyMs: 10,
    retries: 0,
    error,
    meta: null,
  };
}

describe('the LM call record (databaseRecorder, PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    await insertRun({ id: 'run_lm', kind: 'stop', title: 'lm', status: 'running', config: {}, provider: 'scripted', model: 'scripted-strong' }, handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('answers from what an earlier execution stored, and from what this one stores after its first lookup', async () => {
    const earlier = databaseRecorder(handle.db);
    expect(await earlier.store(call('run_lm', 'k1', 0))).toBeTypeOf('number');
    expect(await earlier.store(call('run_lm', 'k2', 0, 'timeout'))).toBeTypeOf('number');

    const resumed = databaseRecorder(handle.db);
    expect((await resumed.findAnswered('run_lm', 'k1', 0))?.responses).toEqual(['answer to k1#0']);
    // A failed call is not an answer; another ordinal of the same request is another call.
    expect(await resumed.findAnswered('run_lm', 'k2', 0)).toBeUndefined();
    expect(await resumed.findAnswered('run_lm', 'k1', 1)).toBeUndefined();

    await resumed.store(call('run_lm', 'k1', 1));
    await resumed.store(call('run_lm', 'k2', 0));
    expect((await resumed.findAnswered('run_lm', 'k1', 1))?.responses).toEqual(['answer to k1#1']);
    expect((await resumed.findAnswered('run_lm', 'k2', 0))?.responses).toEqual(['answer to k2#0']);
    // Another run's record (a replay's source) is indexed on its own.
    expect(await resumed.findAnswered('run_other', 'k1', 0)).toBeUndefined();
  });

  it('keeps the first answer of a call stored twice', async () => {
    const recorder = databaseRecorder(handle.db);
    expect(await recorder.findAnswered('run_lm', 'k3', 0)).toBeUndefined();
    expect(await recorder.store(call('run_lm', 'k3', 0))).toBeTypeOf('number');
    expect(await recorder.store({ ...call('run_lm', 'k3', 0), responses: ['second'] })).toBeUndefined();
    expect((await recorder.findAnswered('run_lm', 'k3', 0))?.responses).toEqual(['answer to k3#0']);
  });
});

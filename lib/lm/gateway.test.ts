import { databaseRecorder } from '@/lib/runs/lm-recorder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listLmCalls } from '@/db/queries/lm-calls';
import { openTestDatabase } from '@/testing/databases';
import { createGateway, type LmCallRecord } from './gateway';
import { insertTestRun, promptRequest } from '@/testing/lm-helpers';
import { LmBudgetExceededError, LmRequestError } from './types';
import { scriptedBackend } from '@/lib/scripted-model/backend';

describe('LM gateway (in-process scripted model)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('gives a budget of 4 four answers, then a clear budget error', async () => {
    const gateway = createGateway({
      choice: { provider: 'scripted', model: 'scripted' },
      scripted: scriptedBackend,
      runId: 'unused',
      recorder: null,
    });
    const session = gateway.session({ stepKey: 'budget', budget: 4, maxResponsesPerCall: 6 });
    const outcomes = [];
    for (let call = 0; call < 10; call += 1) {
      outcomes.push(
        await session.prompt(promptRequest('improve_algorithm')).then(
          () => 'answer',
          (error: unknown) => error,
        ),
      );
    }
    expect(outcomes.slice(0, 4)).toEqual(['answer', 'answer', 'answer', 'answer']);
    for (const outcome of outcomes.slice(4)) {
      expect(outcome).toBeInstanceOf(LmBudgetExceededError);
      expect((outcome as Error).message).toMatch(/budget exhausted: all 4 calls/);
    }
    expect(session.callsUsed).toBe(4);
    expect(gateway.stats().calls).toBe(4);
  });

  it('cuts n and batches to max_responses_per_call; a batch costs one unit', async () => {
    const records: LmCallRecord[] = [];
    const gateway = createGateway({
      choice: { provider: 'scripted', model: 'scripted' },
      scripted: scriptedBackend,
      runId: 'unused',
      recorder: null,
      onCall: (record) => records.push(record),
    });
    const session = gateway.session({ stepKey: 'cap', budget: 2, maxResponsesPerCall: 6 });
    expect(await session.prompt(promptRequest('improve_algorithm', 20))).toHaveLength(6);
    const batch = await session.prompt({
      expertise: 'e',
      messages: Array.from({ length: 9 }, (_, i) => `message ${i}`),
      n: 3,
      temperature: 0.7,
    });
    expect(batch).toHaveLength(6);
    expect(session.callsUsed).toBe(2);
    expect(
      records.map((record) => [record.request.requested_n, record.n, record.request.requested_messages]),
    ).toEqual([
      [20, 6, 1],
      [3, 1, 9],
    ]);
    expect(
      records.every(
        (record) => record.provider === 'scripted' && record.model === 'scripted' && record.costUsd === 0,
      ),
    ).toBe(true);
    expect(records[0]!.promptTokens).toBeGreaterThan(0);
  });

  it('answers identical messages of a batch differently, and repeats itself for the same run seed', async () => {
    const answers = async (seed: number) => {
      const gateway = createGateway({
        choice: { provider: 'scripted', model: 'scripted' },
        scripted: scriptedBackend,
        runId: 'unused',
        seed,
        recorder: null,
      });
      return gateway.session({ stepKey: 's', budget: 1, maxResponsesPerCall: 6 }).prompt({
        expertise: 'e',
        messages: Array.from({ length: 6 }, () => 'Improve improve_algorithm'),
        n: 1,
        temperature: 0.7,
      });
    };
    const first = await answers(1);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await answers(1)).toEqual(first);
    expect(await answers(2)).not.toEqual(first);
  });

  it('records every call once, resumes from its own record and replays another run exactly', async () => {
    const runId = await insertTestRun(handle.db);
    const records: LmCallRecord[] = [];
    const calls = async (gatewayRunId: string, choice: Parameters<typeof createGateway>[0]['choice']) => {
      const gateway = createGateway({
        choice,
        scripted: scriptedBackend,
        runId: gatewayRunId,
        seed: 3,
        recorder: databaseRecorder(handle.db),
        onCall: (record) => records.push(record),
      });
      const answers: string[][] = [];
      for (const step of ['a', 'b']) {
        const session = gateway.session({ stepKey: step, budget: 3, maxResponsesPerCall: 4 });
        for (let index = 0; index < 3; index += 1)
          answers.push(await session.prompt(promptRequest(`improve_algorithm ${index % 2}`, 4)));
      }
      return answers;
    };
    const original = await calls(runId, { provider: 'scripted', model: 'scripted' });
    const rows = await listLmCalls(runId, {}, handle.db);
    expect(rows).toHaveLength(6);
    expect(records.map((record) => record.id)).toEqual(rows.map((row) => row.id));

    records.length = 0;
    expect(await calls(runId, { provider: 'scripted', model: 'scripted' })).toEqual(original);
    expect(records.every((record) => record.source === 'record')).toBe(true);
    expect(await listLmCalls(runId, {}, handle.db)).toHaveLength(6);

    const replayRunId = await insertTestRun(handle.db, 'replay');
    records.length = 0;
    expect(await calls(replayRunId, { provider: 'replay', replayRunId: runId, model: 'replay' })).toEqual(
      original,
    );
    expect(records.every((record) => record.source === 'replay' && record.provider === 'replay')).toBe(true);
    expect(await listLmCalls(replayRunId, {}, handle.db)).toHaveLength(6);

    const missRunId = await insertTestRun(handle.db, 'replay');
    const gateway = createGateway({
      choice: { provider: 'replay', replayRunId: runId, model: 'replay' },
      runId: missRunId,
      recorder: databaseRecorder(handle.db),
    });
    const miss = gateway
      .session({ stepKey: 'a', budget: 3, maxResponsesPerCall: 4 })
      .prompt(promptRequest('a question never asked', 4));
    await expect(miss).rejects.toBeInstanceOf(LmRequestError);
    await expect(miss).rejects.toMatchObject({
      code: 'replay_miss',
      message: expect.stringMatching(/replay miss.*step "a"/),
    });
  });

  it('fails loudly when the run to replay has no record, and refuses calls once closed', async () => {
    const runId = await insertTestRun(handle.db, 'replay');
    const gateway = createGateway({
      choice: { provider: 'replay', replayRunId: 'run_missing', model: 'replay' },
      runId,
      recorder: databaseRecorder(handle.db),
    });
    await expect(
      gateway.session({ stepKey: 's', budget: 1, maxResponsesPerCall: 1 }).prompt(promptRequest('x')),
    ).rejects.toMatchObject({
      code: 'replay_miss',
    });
    const scripted = createGateway({
      choice: { provider: 'scripted', model: 'scripted' },
      scripted: scriptedBackend,
      runId: 'unused',
      recorder: null,
    });
    await scripted.close();
    await expect(
      scripted.session({ stepKey: 's', budget: 1, maxResponsesPerCall: 1 }).prompt(promptRequest('x')),
    ).rejects.toMatchObject({
      code: 'cancelled',
    });
  });

  it('a scripted choice with no scripted backend given fails at once, naming what is missing', () => {
    expect(() => createGateway({ choice: { provider: 'scripted', model: 'scripted' }, runId: 'unused', recorder: null })).toThrow(
      /no scripted backend/,
    );
  });
});

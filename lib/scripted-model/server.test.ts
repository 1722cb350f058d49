import { databaseRecorder } from '@/lib/runs/lm-recorder';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listLmCalls } from '@/db/queries/lm-calls';
import { openTestDatabase } from '@/testing/databases';
import { serverRefusesMultipleSamples } from '@/lib/lm/backends/openai';
import { extractCode } from '@/lib/lm/extract-code';
import { createGateway, type LmCallRecord } from '@/lib/lm/gateway';
import { insertTestRun, promptRequest } from '@/testing/lm-helpers';
import { LmBudgetExceededError, LmRequestError } from '@/lib/lm/types';
import { startScriptedServer, type ScriptedServer } from './server';

// A hang costs one client time-out; the time-out is long enough that a loaded machine's honest answer never
// runs into it on every try, and the retries many enough that a 30 % fault rate never exhausts them.
const fastRetries = { timeoutMs: 10_000, maxRetries: 30, backoff: { baseMs: 20, maxMs: 200 } };

describe('scripted model over HTTP with the real openai client', () => {
  let handle: DatabaseHandle;
  const servers: ScriptedServer[] = [];
  const start = async (options: Parameters<typeof startScriptedServer>[0]) => {
    const server = await startScriptedServer(options);
    servers.push(server);
    return server;
  };
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await handle?.close();
  });

  it('serves /v1/models and chat completions labelled scripted', async () => {
    const server = await start({ port: 0, seed: 1 });
    const client = new OpenAI({ apiKey: 'no-key', baseURL: server.url, maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['scripted', 'scripted-strong', 'scripted-weak', 'scripted-timid']);
    const completion = await client.chat.completions.create({
      model: 'scripted',
      messages: [
        { role: 'system', content: 'expert' },
        { role: 'user', content: 'Improve improve_algorithm' },
      ],
      n: 3,
      temperature: 0.7,
    });
    expect(completion.model).toBe('scripted');
    expect(completion.choices).toHaveLength(3);
    for (const choice of completion.choices)
      expect(extractCode(choice.message.content ?? '')).toContain('def improve_algorithm');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it('completes 100 requests correctly at fault rate 0.3, counting retries, losing and duplicating none', async () => {
    const server = await start({ port: 0, seed: 5, faultRate: 0.3, retryAfterMs: 100 });
    const runId = await insertTestRun(handle.db, 'openai');
    const records: LmCallRecord[] = [];
    const gateway = createGateway({
      choice: { provider: 'openai', model: 'scripted', baseUrl: server.url },
      runId,
      recorder: databaseRecorder(handle.db),
      concurrency: 16,
      ...fastRetries,
      onCall: (record) => records.push(record),
    });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        gateway
          .session({ stepKey: `request-${index}`, budget: 1, maxResponsesPerCall: 6 })
          .prompt(promptRequest(`Improve improve_algorithm, variant ${index}`, 1 + (index % 3))),
      ),
    );
    answers.forEach((responses, index) => {
      expect(responses).toHaveLength(1 + (index % 3));
      for (const response of responses) expect(extractCode(response)).toContain('def improve_algorithm');
    });
    const stats = server.stats();
    const faults = Object.values(stats.faults).reduce((sum, count) => sum + count, 0);
    expect(stats.faults['rate-limit']).toBeGreaterThan(0);
    expect(stats.faults['server-error']).toBeGreaterThan(0);
    expect(stats.faults.hang).toBeGreaterThan(0);
    expect(stats.faults.malformed).toBeGreaterThan(0);
    // Every attempt but the last of each call is a retry: every fault costs one, and so does a slow answer
    // the client gave up on under CPU load (whether or not the request had reached the server yet).
    const lateAnswers = stats.answered - 100;
    expect(stats.requests).toBeGreaterThanOrEqual(100 + faults);
    expect(gateway.stats().retries).toBeGreaterThanOrEqual(stats.requests - 100);
    expect(gateway.stats().retries).toBeGreaterThanOrEqual(faults + lateAnswers);
    expect(gateway.stats()).toMatchObject({ calls: 100, failedCalls: 0 });
    const rows = await listLmCalls(runId, {}, handle.db);
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((row) => row.stepKey)).size).toBe(100);
    expect(rows.reduce((sum, row) => sum + row.retries, 0)).toBe(gateway.stats().retries);
    expect(
      rows.every((row) => row.error === null && row.provider === 'openai' && row.model === 'scripted'),
    ).toBe(true);
    expect(records).toHaveLength(100);
    console.info(
      `fault rate 0.3: ${stats.requests} HTTP requests, ${faults} faults (${JSON.stringify(stats.faults)}), ${gateway.stats().retries} retries, ${lateAnswers} late answers`,
    );
  });

  it('replays a recorded run with the server stopped; a miss fails loudly', async () => {
    const server = await start({ port: 0, seed: 9, faultRate: 0.1, retryAfterMs: 50 });
    const runId = await insertTestRun(handle.db, 'openai');
    const conversation = async (
      gatewayRunId: string,
      choice: Parameters<typeof createGateway>[0]['choice'],
    ) => {
      const gateway = createGateway({ choice, runId: gatewayRunId, seed: 4, recorder: databaseRecorder(handle.db), ...fastRetries });
      const session = gateway.session({ stepKey: 'improve/r0/i1', budget: 4, maxResponsesPerCall: 6 });
      const answers = [await session.prompt(promptRequest('Improve improve_algorithm', 6))];
      answers.push(
        await session.prompt({
          expertise: 'e',
          messages: ['Improve improve_algorithm', 'Improve improve_algorithm'],
          n: 1,
          temperature: 1,
        }),
      );
      answers.push(await session.prompt(promptRequest(`Improve this: ${answers[0]![0]}`, 2, 0.3)));
      return { answers, stats: gateway.stats() };
    };
    const recorded = await conversation(runId, {
      provider: 'openai',
      model: 'scripted',
      baseUrl: server.url,
    });
    await server.close();

    const replayRunId = await insertTestRun(handle.db, 'replay');
    const replayed = await conversation(replayRunId, {
      provider: 'replay',
      replayRunId: runId,
      model: 'replay',
    });
    expect(replayed.answers).toEqual(recorded.answers);
    expect(replayed.stats.costUsd).toBe(0);
    expect(await listLmCalls(replayRunId, {}, handle.db)).toHaveLength(3);

    const missRunId = await insertTestRun(handle.db, 'replay');
    const gateway = createGateway({
      choice: { provider: 'replay', replayRunId: runId, model: 'replay' },
      runId: missRunId,
      recorder: databaseRecorder(handle.db),
    });
    await expect(
      gateway
        .session({ stepKey: 'improve/r0/i1', budget: 4, maxResponsesPerCall: 6 })
        .prompt(promptRequest('something else', 6)),
    ).rejects.toSatisfy((error) => error instanceof LmRequestError && error.code === 'replay_miss');
  });

  it('gives a budget of 4 four answers over HTTP, then a budget error; 20 responses become max_responses_per_call', async () => {
    const server = await start({ port: 0, seed: 2 });
    const gateway = createGateway({
      choice: { provider: 'openai', model: 'scripted', baseUrl: server.url },
      runId: 'none',
      recorder: null,
      ...fastRetries,
    });
    const session = gateway.session({ stepKey: 'budget', budget: 4, maxResponsesPerCall: 6 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => session.prompt(promptRequest('improve_algorithm', 20))),
    );
    const answered = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(answered).toHaveLength(4);
    for (const outcome of answered) expect(outcome.value).toHaveLength(6);
    for (const outcome of outcomes.filter((item) => item.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(LmBudgetExceededError);
    }
    expect(server.stats().answered).toBe(4);
  });

  it('splits n into single requests where the server refuses n > 1, and remembers it', async () => {
    const server = await start({ port: 0, seed: 3, supportsN: false });
    const gateway = createGateway({
      choice: { provider: 'openai', model: 'scripted', baseUrl: server.url },
      runId: 'none',
      recorder: null,
      ...fastRetries,
    });
    const session = gateway.session({ stepKey: 'split', budget: 2, maxResponsesPerCall: 6 });
    expect(await session.prompt(promptRequest('improve_algorithm', 5))).toHaveLength(5);
    expect(serverRefusesMultipleSamples(server.url, 'scripted')).toBe(true);
    const before = server.stats().requests;
    expect(await session.prompt(promptRequest('improve_algorithm', 4))).toHaveLength(4);
    expect(server.stats().requests - before).toBe(4);
  });

  it('gives up after its retries with a clear error that is recorded', async () => {
    const server = await start({ port: 0, seed: 3, faultRate: 1, retryAfterMs: 10 });
    const runId = await insertTestRun(handle.db, 'openai');
    const gateway = createGateway({
      choice: { provider: 'openai', model: 'scripted', baseUrl: server.url },
      runId,
      recorder: databaseRecorder(handle.db),
      timeoutMs: 300,
      maxRetries: 2,
      backoff: { baseMs: 5, maxMs: 10 },
    });
    const failure = gateway
      .session({ stepKey: 'doomed', budget: 1, maxResponsesPerCall: 1 })
      .prompt(promptRequest('x'));
    await expect(failure).rejects.toMatchObject({ message: expect.stringMatching(/failed after 2 retries/) });
    const [row] = await listLmCalls(runId, {}, handle.db);
    expect(row?.retries).toBe(2);
    expect(row?.error).toMatch(/after 2 retries/);
  });
});

import { databaseRecorder } from '@/lib/runs/lm-recorder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listLmCalls } from '@/db/queries/lm-calls';
import { applyEvents, initialViewState } from '@/lib/runs/view-state';
import { openTestDatabase } from '@/testing/databases';
import { extractCode } from '@/lib/lm/extract-code';
import { createGateway, type LmCallRecord } from '@/lib/lm/gateway';
import { insertTestRun, promptRequest } from '@/testing/lm-helpers';
import { LmRequestError } from '@/lib/lm/types';
import { plannedLatencyMs, WindowRateLimiter } from './quirks';
import { startScriptedServer, type ScriptedServer } from './server';

const fastRetries = { timeoutMs: 60_000, maxRetries: 10, backoff: { baseMs: 20, maxMs: 200 } };
const LPN_PROMPT =
  'Improve the following solution:\n```python\ndef algorithm(train_samples, train_parity, test_samples):\n    return [0 for _ in test_samples]\n```\nLearning parity with noise: flipped independently with probability 0.05.';
const NO_IMPERFECTION = { prose: 0, truncated: 0, 'syntax-error': 0, 'wrong-signature': 0, refusal: 0, reasoning: 0 };

/** The run page's view of these calls: the lm.call events the runner emits, folded as the page does. */
function runPageView(records: LmCallRecord[]) {
  return applyEvents(
    initialViewState('running'),
    records.map((record, index) => ({
      seq: index + 1,
      type: 'lm.call' as const,
      createdAt: new Date(0).toISOString(),
      payload: {
        call_id: record.id,
        step_key: record.stepKey,
        model: record.model,
        n: record.n,
        prompt_tokens: record.promptTokens,
        completion_tokens: record.completionTokens,
        latency_ms: record.latencyMs,
        cost_usd: record.costUsd,
        retries: record.retries,
        error: record.error,
        ...(record.meta?.notes ? { notes: record.meta.notes } : {}),
      },
    })),
  );
}

describe("real servers' quirks through the real openai client", () => {
  let handle: DatabaseHandle;
  const servers: ScriptedServer[] = [];
  const start = async (options: Parameters<typeof startScriptedServer>[0]) => {
    const server = await startScriptedServer(options);
    servers.push(server);
    return server;
  };
  const gatewayFor = (server: ScriptedServer, runId: string, records: LmCallRecord[], extra = {}) =>
    createGateway({
      choice: { provider: 'openai', model: 'scripted-strong', baseUrl: server.url },
      runId,
      recorder: databaseRecorder(handle.db),
      ...fastRetries,
      onCall: (record) => records.push(record),
      ...extra,
    });
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await handle?.close();
  });

  it('a reasoning model: default temperature only, max_completion_tokens, reasoning kept out of the answers', async () => {
    const server = await start({ port: 0, seed: 1, quirks: { reasoningModel: true }, imperfect: NO_IMPERFECTION });
    const runId = await insertTestRun(handle.db, 'openai');
    const records: LmCallRecord[] = [];
    const gateway = gatewayFor(server, runId, records, { maxCompletionTokens: 4000 });
    const session = gateway.session({ stepKey: 'reasoning', budget: 2, maxResponsesPerCall: 6 });
    for (let call = 0; call < 2; call += 1) {
      const answers = await session.prompt(promptRequest(LPN_PROMPT, 2, 0.7));
      expect(answers).toHaveLength(2);
      for (const answer of answers) expect(extractCode(answer)).toMatch(/def algorithm/);
    }
    // Learnt once: one refusal for the temperature, one for max_tokens, none on the second call.
    expect(server.stats().refused).toMatchObject({ temperature: 1, maxTokens: 1 });
    const rows = await listLmCalls(runId, {}, handle.db);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.meta?.notes).toEqual(
        expect.arrayContaining([
          'temperature 0.7 not applied: the model accepts only its default',
          'token limit sent as max_completion_tokens (the model refuses max_tokens)',
        ]),
      );
      expect(row.meta?.reasoning).toHaveLength(2);
      expect(row.meta?.reasoning_tokens).toBeGreaterThan(0);
      expect(row.completionTokens).toBeGreaterThan(row.meta?.reasoning_tokens ?? 0);
      expect(row.responses.join('')).not.toContain('Thinking about');
    }
    const view = runPageView(records);
    const temperature = Object.values(view.lmNotes).find((note) => note.example.startsWith('temperature 0.7 not applied'));
    expect(temperature?.calls).toBe(2);
    expect(view.lmCalls.every((call) => call.notes.length >= 2)).toBe(true);
  });

  it('reasoning inline (<think>) or in reasoning_content: stripped before the improver, kept in the record', async () => {
    const server = await start({ port: 0, seed: 2, imperfect: { ...NO_IMPERFECTION, reasoning: 1 } });
    const runId = await insertTestRun(handle.db, 'openai');
    const records: LmCallRecord[] = [];
    const session = gatewayFor(server, runId, records).session({ stepKey: 'think', budget: 1, maxResponsesPerCall: 6 });
    const answers = await session.prompt(promptRequest(LPN_PROMPT, 6));
    for (const answer of answers) {
      expect(answer).not.toMatch(/<think>|A first draft/);
      expect(extractCode(answer)).toMatch(/def algorithm\(train_samples, train_parity, test_samples\)/);
    }
    const [row] = await listLmCalls(runId, {}, handle.db);
    expect(row?.meta?.reasoning?.every((text) => text !== null && text.includes('```python'))).toBe(true);
    expect(row?.meta?.notes?.[0]).toMatch(/^reasoning removed from 6 answers before the improver saw them \(\d+ tokens, kept in the record\)$/);
    expect(runPageView(records).lmCalls[0]?.notes[0]).toMatch(/reasoning removed/);
  });

  it('a server that ignores n > 1 (llama.cpp): the gateway fetches the rest one by one and says so', async () => {
    const server = await start({ port: 0, seed: 3, quirks: { n: 'ignore' } });
    const runId = await insertTestRun(handle.db, 'openai');
    const records: LmCallRecord[] = [];
    const session = gatewayFor(server, runId, records).session({ stepKey: 'n', budget: 2, maxResponsesPerCall: 6 });
    expect(await session.prompt(promptRequest(LPN_PROMPT, 4))).toHaveLength(4);
    expect(await session.prompt(promptRequest(LPN_PROMPT, 3))).toHaveLength(3);
    expect(records.map((record) => record.meta?.notes)).toEqual([
      ['n = 4 sent as 4 requests of n = 1 (the server does not answer n > 1)'],
      ['n = 3 sent as 3 requests of n = 1 (the server does not answer n > 1)'],
    ]);
    expect(Object.values(runPageView(records).lmNotes)).toEqual([
      { example: 'n = 4 sent as 4 requests of n = 1 (the server does not answer n > 1)', calls: 2 },
    ]);
  });

  it('a prompt past the context window fails with a clear context_length error (no retries), recorded', async () => {
    const server = await start({ port: 0, seed: 4, quirks: { contextWindow: 300 } });
    const runId = await insertTestRun(handle.db, 'openai');
    const records: LmCallRecord[] = [];
    const session = gatewayFor(server, runId, records).session({ stepKey: 'context', budget: 2, maxResponsesPerCall: 6 });
    const failure = await session.prompt(promptRequest(`${LPN_PROMPT}\n${'x'.repeat(4000)}`)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LmRequestError);
    expect((failure as LmRequestError).code).toBe('context_length');
    expect((failure as Error).message).toMatch(/does not fit the model's context window.*maximum context length is 300 tokens/);
    expect(records[0]).toMatchObject({ retries: 0 });
    expect(runPageView(records).lmTotals.errors).toBe(1);
    // A shorter prompt still fits.
    expect(await session.prompt(promptRequest('Improve improve_algorithm'))).toHaveLength(1);
  });

  it('per-minute request limits with Retry-After: every call completes, each 429 is one recorded retry', async () => {
    const server = await start({ port: 0, seed: 5, quirks: { rateLimit: { requestsPerMinute: 2, windowMs: 2000 } } });
    const runId = await insertTestRun(handle.db, 'openai');
    const records: LmCallRecord[] = [];
    const gateway = gatewayFor(server, runId, records);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        gateway.session({ stepKey: `rate-${index}`, budget: 1, maxResponsesPerCall: 6 }).prompt(promptRequest(`${LPN_PROMPT} #${index}`)),
      ),
    );
    expect(answers.every((answer) => answer.length === 1)).toBe(true);
    const refused = server.stats().refused.rateLimit;
    expect(refused).toBeGreaterThan(0);
    expect(gateway.stats().retries).toBe(refused);
    expect(records.reduce((sum, record) => sum + record.retries, 0)).toBe(refused);
  });

  it('token limits per window count prompt and completion limit; the wait is what is left of the window', () => {
    let now = 0;
    const limiter = new WindowRateLimiter({ tokensPerMinute: 100, windowMs: 60_000 }, () => now);
    expect(limiter.admit(60)).toBe(0);
    now = 10_000;
    expect(limiter.admit(60)).toBe(50_000);
    now = 60_000;
    expect(limiter.admit(60)).toBe(0);
  });

  it('latency grows with the completion length, with a heavy tail, and scales with time', async () => {
    const profile = { firstTokenMs: 500, tokensPerSecond: 50, tailProbability: 0, tailFactor: 1, timeScale: 1 };
    const never = () => 0.99;
    expect(plannedLatencyMs(profile, 0, never)).toBe(500);
    expect(plannedLatencyMs(profile, 100, never)).toBe(2500);
    expect(plannedLatencyMs({ ...profile, timeScale: 0.01 }, 100, never)).toBe(25);
    const tail = { ...profile, tailProbability: 0.1, tailFactor: 5 };
    const draws = [0.05, 1];
    expect(plannedLatencyMs(tail, 100, () => draws.shift() ?? 0)).toBe(12_500);
    const server = await start({ port: 0, seed: 6, quirks: { latency: { ...profile, timeScale: 0.001 } } });
    const records: LmCallRecord[] = [];
    const session = gatewayFor(server, await insertTestRun(handle.db, 'openai'), records).session({ stepKey: 'latency', budget: 1, maxResponsesPerCall: 6 });
    await session.prompt(promptRequest(LPN_PROMPT, 2));
    expect(server.stats().plannedLatencyMs).toBe(Math.round((500 + (1000 * (records[0]?.completionTokens ?? 0)) / 50) * 0.001));
  });
});

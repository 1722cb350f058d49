import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type LmCallRecord } from '@/lib/lm/gateway';
import { startScriptedServer, type HostileBehaviour, type ScriptedServer } from '@/lib/scripted-model/server';
import { promptRequest } from '@/testing/lm-helpers';
import { SpendMeter } from './spend';

const QUESTION = 'Write a Python function that returns the parity of a list of bits. Answer with one code block.';

/** One call through the gateway to a server, with the run's meter as its spend guard. */
async function meteredCall(server: ScriptedServer) {
  const meter = new SpendMeter({ maxTokens: 1_000_000_000 });
  const records: LmCallRecord[] = [];
  const gateway = createGateway({
    choice: { provider: 'openai', model: 'scripted', baseUrl: server.url },
    runId: 'usage-test',
    seed: 3,
    recorder: null,
    spend: meter,
    maxRetries: 0,
    onCall: (record) => records.push(record),
  });
  await gateway.session({ stepKey: 'usage', budget: 1, maxResponsesPerCall: 4 }).prompt(promptRequest(QUESTION, 4));
  await gateway.close();
  return { spent: meter.total, record: records[0]! };
}

describe('usage reported by the endpoint is checked before it is counted (gateway, openai client, scripted server)', () => {
  const servers: ScriptedServer[] = [];
  const start = async (hostile?: HostileBehaviour) => {
    const server = await startScriptedServer({ port: 0, seed: 3, ...(hostile ? { hostile } : {}) });
    servers.push(server);
    return server;
  };
  let honest: Awaited<ReturnType<typeof meteredCall>>;
  beforeAll(async () => {
    honest = await meteredCall(await start());
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('honest usage is counted as reported', () => {
    expect(honest.spent.tokens).toBe(honest.record.promptTokens + honest.record.completionTokens);
    expect(honest.spent.tokens).toBeGreaterThan(100);
    expect(honest.record.meta?.notes ?? []).not.toContainEqual(expect.stringMatching(/usage/));
  });

  it.each(['negative', 'absurd', 'zero', 'missing'] as const)(
    '%s usage: estimated from the text, noted in the record, and never lowers (or blows up) the meter',
    async (usage) => {
      const { spent, record } = await meteredCall(await start({ usage }));
      expect(record.error).toBeNull();
      expect(record.responses).toEqual(honest.record.responses);
      expect(record.promptTokens).toBeGreaterThan(0);
      expect(record.completionTokens).toBeGreaterThan(0);
      // Estimated from the same text as the honest count: the same order of magnitude.
      expect(spent.tokens).toBeGreaterThan(honest.spent.tokens / 4);
      expect(spent.tokens).toBeLessThan(honest.spent.tokens * 4);
      expect(spent.tokens).toBe(record.promptTokens + record.completionTokens);
      expect(record.meta?.notes).toContainEqual(expect.stringMatching(/usage.*estimated from the text/));
      if (usage !== 'missing') expect(record.meta?.reported_usage).toBeDefined();
    },
  );

  it('a meter never counts negative or non-finite amounts, so nothing raises the remaining cap', () => {
    const meter = new SpendMeter({ maxTokens: 1_000 }, { costUsd: 0, tokens: 500 });
    meter.add(-1.5, -4_000_000);
    meter.add(Number.NaN, Number.POSITIVE_INFINITY);
    expect(meter.total).toEqual({ costUsd: 0, tokens: 500 });
    const reservation = meter.reserve({ costUsd: 0, tokens: 400 });
    expect('settle' in reservation).toBe(true);
    if ('settle' in reservation) reservation.settle({ costUsd: -1, tokens: -400 });
    expect(meter.total.tokens).toBe(500);
    expect('refused' in meter.reserve({ costUsd: 0, tokens: 501 })).toBe(true);
    expect(meter.reached).toBe(true);
  });
});

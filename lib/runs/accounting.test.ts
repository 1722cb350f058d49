import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { summariseLmCalls } from '@/db/queries/lm-calls';
import { findRun, listEvents, updateRun } from '@/db/queries/runs';
import { events, lmCalls } from '@/db/schema';
import { openTestDatabase } from '@/testing/databases';
import { startRun } from './runner';
import { launchRun } from './service';

/**
 * Issue 11, item 8, deterministically: a process killed after storing calls but before writing their
 * events (the window kill -9 can hit) leaves calls without events; the resumed run writes them, and its
 * totals are those of the record, not of the resumed process's memory.
 */
describe('accounting across a kill', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('every recorded call has its lm.call event and the totals equal the sums over lm_calls', async () => {
    const db = handle.db;
    const { runId, finished } = await launchRun({ kind: 'sandbox-study', samples: 10 }, db);
    await finished;
    // As a kill -9 leaves it: the last events never written, the run still marked running.
    const callEvents = (await listEvents(runId, {}, db)).filter((event) => event.type === 'lm.call');
    const lost = callEvents.slice(-3).map((event) => event.seq);
    await db.delete(events).where(and(eq(events.runId, runId), inArray(events.seq, lost)));
    await db.delete(events).where(and(eq(events.runId, runId), eq(events.type, 'run.completed')));
    await updateRun(runId, { status: 'running', result: null, finishedAt: null }, db);

    await startRun(runId, db);
    const run = await findRun(runId, db);
    expect(run?.status).toBe('completed');
    const log = await listEvents(runId, {}, db);
    const calls = await db.select().from(lmCalls).where(eq(lmCalls.runId, runId));
    expect(calls).toHaveLength(20);
    const announced = log.filter((event) => event.type === 'lm.call');
    expect(new Set(announced.map((event) => Number(event.payload.call_id)))).toEqual(new Set(calls.map((call) => call.id)));
    expect(announced).toHaveLength(20);
    expect(announced.filter((event) => event.payload.recovered === true)).toHaveLength(3);
    const totals = await summariseLmCalls(runId, db);
    const usage = (run!.result as { usage: Record<string, number> }).usage;
    expect(usage).toMatchObject({ lm_calls: 20, prompt_tokens: totals.promptTokens, completion_tokens: totals.completionTokens });
    expect(totals.promptTokens).toBeGreaterThan(0);
    expect(usage.cost_usd).toBeCloseTo(totals.costUsd, 9);
  });
});

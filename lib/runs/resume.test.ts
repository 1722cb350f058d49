import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { summariseLmCalls } from '@/db/queries/lm-calls';
import { events, improvers, lmCalls, runSteps, runs } from '@/db/schema';
import { exited, startCli, waitFor } from '@/testing/cli-processes';
import { openTestDatabase, testBackends } from '@/testing/databases';

// Needs a database two processes can share, so it runs on PostgreSQL.
describe.runIf(testBackends().includes('postgresql'))('a STOP run killed with SIGKILL during iteration 2', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('postgresql');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('resumes to completion without recomputing iteration 1 or duplicating rows and events', async () => {
    const db = handle.db;
    const url = handle.location;
    const child = startCli(['run', '--task', 'lpn', '--iterations', '3', '--repeats', '1', '--copies', '2', '--json'], url);
    const childExit = exited(child);
    const runId = await waitFor(async () => (await db.select().from(runs))[0]?.id, 600_000);
    await waitFor(async () => {
      const rows = await db
        .select()
        .from(events)
        .where(and(eq(events.runId, runId), eq(events.type, 'iteration.started')));
      return rows.some((row) => row.payload.iteration === 2) ? true : undefined;
    }, 600_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.exitCode, 'the run ended before it could be killed').toBeNull();
    process.kill(-child.pid!, 'SIGKILL');
    await childExit;

    const [killed] = await db.select().from(runs).where(eq(runs.id, runId));
    expect(killed?.status).toBe('running');
    const iterationOneSteps = await db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.runId, runId), like(runSteps.stepKey, 'r0/t1/%')));
    expect(iterationOneSteps.length).toBeGreaterThan(0);
    const iterationOneCalls = await db
      .select()
      .from(lmCalls)
      .where(and(eq(lmCalls.runId, runId), like(lmCalls.stepKey, 'r0/t1/%')));
    const improversBefore = await db.select().from(improvers).where(eq(improvers.runId, runId));
    expect(improversBefore.map((row) => row.iteration).sort()).toEqual([0, 1]);

    const resume = startCli(['resume', runId, '--json'], url);
    let output = '';
    resume.stdout!.on('data', (chunk) => (output += chunk));
    expect(await exited(resume)).toBe(0);
    expect(output).toContain('completed');

    const [finished] = await db.select().from(runs).where(eq(runs.id, runId));
    expect(finished?.status).toBe('completed');
    const improversAfter = await db.select().from(improvers).where(eq(improvers.runId, runId));
    expect(improversAfter.map((row) => row.iteration).sort()).toEqual([0, 1, 2, 3]);
    for (const before of improversBefore) {
      const after = improversAfter.find((row) => row.iteration === before.iteration)!;
      expect(after.id).toBe(before.id);
      expect(after.createdAt.getTime()).toBe(before.createdAt.getTime());
    }
    const stepsAfter = await db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.runId, runId), like(runSteps.stepKey, 'r0/t1/%')));
    expect(stepsAfter.map((row) => [row.stepKey, row.createdAt.getTime()]).sort()).toEqual(
      iterationOneSteps.map((row) => [row.stepKey, row.createdAt.getTime()]).sort(),
    );
    const callsAfter = await db
      .select()
      .from(lmCalls)
      .where(and(eq(lmCalls.runId, runId), like(lmCalls.stepKey, 'r0/t1/%')));
    expect(callsAfter.length).toBe(iterationOneCalls.length);

    const log = await db.select().from(events).where(eq(events.runId, runId)).orderBy(events.seq);
    expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
    const recorded = log.filter((event) => event.type === 'improver.recorded').map((event) => event.payload.iteration);
    expect(recorded.sort()).toEqual([0, 1, 2, 3]);
    const scored = log.filter((event) => event.type === 'candidate.scored').map((event) => event.payload.candidate_id);
    expect(new Set(scored).size).toBe(scored.length);
    const starts = log.filter((event) => event.type === 'run.started').map((event) => event.payload.resumed);
    expect(starts).toEqual([false, true]);

    // Accounting across the kill (issue 11, item 8): totals from the record, an event for every call.
    const totals = await summariseLmCalls(runId, db);
    const usage = (finished!.result as { usage: Record<string, number> }).usage;
    expect(usage).toMatchObject({
      lm_calls: totals.calls,
      prompt_tokens: totals.promptTokens,
      completion_tokens: totals.completionTokens,
    });
    expect(usage.cost_usd).toBeCloseTo(totals.costUsd, 9);
    const allCalls = await db.select({ id: lmCalls.id }).from(lmCalls).where(eq(lmCalls.runId, runId));
    const announced = new Set(log.filter((event) => event.type === 'lm.call').map((event) => Number(event.payload.call_id)));
    expect(allCalls.filter((call) => !announced.has(call.id))).toEqual([]);
  });
});

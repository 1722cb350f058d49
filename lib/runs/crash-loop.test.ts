import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { countLmCalls } from '@/db/queries/lm-calls';
import { events, runs } from '@/db/schema';
import { killHard, runCli, startCli, waitFor } from '@/testing/cli-processes';
import { openTestDatabase, testBackends } from '@/testing/databases';

/**
 * Issue 11, item 5: a run during which the server (here: the `stop` process executing it) dies twice,
 * the second time during an automatic resume, is quarantined instead of being resumed a third time;
 * it can be resumed by hand, and `stop cancel` stops it from another process.
 */
describe.runIf(testBackends().includes('postgresql'))('crash loops', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('postgresql');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('quarantines a run that crashed twice, resumes it by hand, and cancels it', async () => {
    const db = handle.db;
    const url = handle.location;
    const starts = async (runId: string) =>
      Number((await db.select({ n: count() }).from(events).where(and(eq(events.runId, runId), eq(events.type, 'run.started'))))[0]?.n ?? 0);
    const row = async (runId: string) => (await db.select().from(runs).where(eq(runs.id, runId)))[0]!;

    // Crash 1: the first execution dies mid-run.
    const first = startCli(['sandbox-study', '--n', '10000', '--json'], url);
    const runId = await waitFor(async () => (await db.select().from(runs))[0]?.id, 600_000);
    await waitFor(async () => ((await countLmCalls(runId, db)) >= 20 ? true : undefined), 600_000);
    await killHard(first);
    expect((await row(runId)).status).toBe('running');

    // Crash 2: the automatic resume dies too.
    const calls = await countLmCalls(runId, db);
    const resume = startCli(['resume', '--json'], url);
    await waitFor(async () => ((await starts(runId)) === 2 && (await countLmCalls(runId, db)) >= calls + 20 ? true : undefined), 600_000);
    expect((await row(runId)).resumeAttempts).toBe(1);
    await killHard(resume);

    // The next start does not resume it a third time.
    const next = await runCli(['resume', '--json'], url);
    expect(next.code).toBe(0);
    expect(next.output).toContain('quarantined');
    const quarantined = await row(runId);
    expect(quarantined.status).toBe('failed');
    expect(quarantined.error).toMatchObject({ code: 'quarantined', message: expect.stringMatching(/stopped 2 times.*by hand/s) });
    expect(await starts(runId)).toBe(2);
    // Nothing to cancel: it has ended.
    expect(JSON.parse((await runCli(['cancel', runId, '--json'], url)).output)).toEqual({ id: runId, cancelled: false });

    // By hand: it runs again (the crash count starts over), and `stop cancel` from another process stops it.
    const byHand = startCli(['resume', runId, '--json'], url);
    let byHandOutput = '';
    byHand.stdout!.on('data', (chunk) => (byHandOutput += chunk));
    const byHandExit = new Promise((resolve) => byHand.once('exit', resolve));
    await waitFor(async () => ((await starts(runId)) === 3 ? true : undefined), 600_000);
    expect((await row(runId)).status).toBe('running');
    expect((await row(runId)).resumeAttempts).toBe(0);
    const cancel = await runCli(['cancel', runId, '--json'], url);
    expect(cancel.code).toBe(0);
    expect(JSON.parse(cancel.output)).toEqual({ id: runId, cancelled: true });
    expect(await byHandExit).toBe(0);
    expect(byHandOutput).toContain('cancelled');
    expect((await row(runId)).status).toBe('cancelled');
    const cancelledEvents = await db.select().from(events).where(and(eq(events.runId, runId), eq(events.type, 'run.cancelled')));
    expect(cancelledEvents).toHaveLength(1);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { findEvaluation, listEvaluations } from '@/db/queries/evaluations';
import { findRun, insertRun, listEvents } from '@/db/queries/runs';
import { findWorker, jobsHeldBy, listWorkers } from '@/db/queries/workers';
import { evaluations } from '@/db/schema';
import { launchRun } from '@/lib/runs/service';
import { evaluationOptions, solutionHash } from '@/lib/stop/utility';
import { resolveTask } from '@/lib/stop/tasks';
import { openTestDatabase, testBackends } from '@/testing/databases';
import { queueFor, stopQueueFor } from '.';
import { jobKeyOf, type EvaluationJob } from './jobs';
import { startWorker, type TestWorker } from './spawn';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function keyOfJob(jobKey: string): EvaluationJob['key'] {
  const [, runId, taskId, instanceSet, instanceSeed, hash] = jobKey.split(':');
  return { runId: runId!, taskId: taskId!, instanceSet: instanceSet as 'train' | 'test', instanceSeed: Number(instanceSeed), solutionHash: hash! };
}

/**
 * kill -9 of `worker` at a moment it is known (from the database) to be running a job whose result is not
 * stored: it is frozen first, then checked again, so the job cannot finish in between. Returns that job's key.
 */
async function killWhileRunningAJob(worker: TestWorker, handle: DatabaseHandle): Promise<string> {
  const { pid } = (await findWorker(worker.id, handle.db))!;
  return waitFor(async () => {
    if ((await jobsHeldBy(worker.id, handle.db)).length === 0) return undefined;
    process.kill(pid, 'SIGSTOP');
    for (const jobKey of await jobsHeldBy(worker.id, handle.db)) {
      if (!(await findEvaluation(keyOfJob(jobKey), handle.db))) {
        await worker.kill();
        return jobKey;
      }
    }
    process.kill(pid, 'SIGCONT');
    return undefined;
  }, `${worker.id} to run a job`);
}

const postgres = testBackends().includes('postgresql');

describe.runIf(postgres)('sandboxed evaluations on the PostgreSQL job queue (graphile-worker)', () => {
  const handles: DatabaseHandle[] = [];
  const workers: TestWorker[] = [];
  const open = async (backend: 'pglite' | 'postgresql') => {
    const handle = await openTestDatabase(backend);
    handles.push(handle);
    return handle;
  };
  const worker = async (url: string) => {
    const started = await startWorker(url, 1);
    workers.push(started);
    return started;
  };

  afterAll(async () => {
    await Promise.all(workers.map((started) => started.kill()));
    for (const handle of handles) {
      await stopQueueFor(handle.db);
      await handle.close();
    }
  });

  it('measures a meta-utility on 2 worker processes with the same scores as in-process, every evaluation on a worker', async () => {
    const config = { kind: 'meta-utility' as const, improver: SEED, taskId: 'parity', copies: 2, seed: 7 };
    const local = await open('pglite');
    const inProcess = await launchRun(config, local.db);
    await inProcess.finished;

    const shared = await open('postgresql') as DatabaseHandle & { url: string };
    await queueFor(shared.db, { slots: 0 });
    const [first, second] = await Promise.all([worker(shared.url), worker(shared.url)]);
    const queued = await launchRun(config, shared.db);
    await queued.finished;

    const [localRun, queuedRun] = [await findRun(inProcess.runId, local.db), await findRun(queued.runId, shared.db)];
    expect(queuedRun?.status).toBe('completed');
    const scores = (result: Record<string, unknown> | null | undefined) => {
      const { meta_utility, test_meta_utility, runs } = result as { meta_utility: number; test_meta_utility: number; runs: unknown };
      return { meta_utility, test_meta_utility, runs };
    };
    expect(scores(queuedRun?.result)).toEqual(scores(localRun?.result));

    const rows = await listEvaluations(queued.runId, shared.db);
    const localRows = await listEvaluations(inProcess.runId, local.db);
    // The same solutions were evaluated (some scripted solutions guess at random, so their own scores vary
    // between any two evaluations; the meta-utility above is what must not).
    const keys = (list: typeof rows) => list.map((row) => `${row.taskId}/${row.instanceSet}/${row.solutionHash}`).sort();
    expect(keys(rows)).toEqual(keys(localRows));
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect([first!.id, second!.id]).toContain(row.detail?.worker);

    const listed = await listWorkers(shared.db);
    expect(listed.filter((row) => row.kind === 'worker').map((row) => row.id).sort()).toEqual([first!.id, second!.id].sort());
    const done = listed.reduce((sum, row) => sum + row.jobsDone, 0);
    // Heartbeats carry the counters; at least the jobs of a heartbeat ago are counted.
    expect(done).toBeLessThanOrEqual(rows.length);
  });

  it('completes a STOP run when its worker is killed with SIGKILL mid-job: the job is retried elsewhere, recorded once', async () => {
    const shared = await open('postgresql') as DatabaseHandle & { url: string };
    await queueFor(shared.db, { slots: 0 });
    const victim = await worker(shared.url);
    const run = await launchRun(
      { kind: 'stop', seedImprover: SEED, taskId: 'parity', iterations: 1, repeats: 1, copies: 2 },
      shared.db,
    );
    const killedJob = await killWhileRunningAJob(victim, shared);
    const rescuer = await worker(shared.url);
    await run.finished;

    expect((await findRun(run.runId, shared.db))?.status).toBe('completed');
    const retried = await findEvaluation(keyOfJob(killedJob), shared.db);
    expect(retried?.detail).toMatchObject({ worker: rescuer.id, attempt: 2 });
    const rows = await listEvaluations(run.runId, shared.db);
    const keys = rows.map((row) => `${row.taskId}/${row.instanceSet}/${row.instanceSeed}/${row.solutionHash}`);
    expect(new Set(keys).size).toBe(keys.length);
    const computed = (await listEvents(run.runId, {}, shared.db)).filter(
      (event) => event.type === 'utility.evaluated' && event.payload.cached === false,
    );
    expect(computed).toHaveLength(rows.length);
  });

  it('a worker with weaker isolation than the coordinator takes its jobs only when the operator allows it', async () => {
    const shared = (await open('postgresql')) as DatabaseHandle & { url: string };
    const queue = (await queueFor(shared.db, { slots: 0 }))!;
    expect(queue.isolation).not.toBe('limits-only');
    const weak = await startWorker(shared.url, 1, [], { STOP_SANDBOX: 'limits-only' });
    workers.push(weak);
    expect((await findWorker(weak.id, shared.db))?.accepts).toEqual(['limits-only']);
    await insertRun({ id: 'run_isolation', kind: 'improve', title: 'isolation', status: 'running', config: {}, provider: 'scripted', model: 'scripted' }, shared.db);
    const task = await resolveTask('parity', shared.db);
    const evaluation = queue.evaluate(
      { key: { runId: 'run_isolation', taskId: task.id, instanceSet: 'train', instanceSeed: task.trainSeed, solutionHash: solutionHash(task, task.seedSolution) }, options: evaluationOptions(task, 'train', task.seedSolution) },
      new AbortController().signal,
    );
    // The weak worker was idle and listening before the job was queued; an allowed one starts only now.
    const allowed = await startWorker(shared.url, 1, ['--allow-weaker-isolation'], { STOP_SANDBOX: 'limits-only', STOP_ALLOW_UNISOLATED: '1' });
    workers.push(allowed);
    expect((await evaluation).detail).toMatchObject({ worker: allowed.id });
    const weakRow = await findWorker(weak.id, shared.db);
    expect(weakRow?.jobsDone).toBe(0);
  });

  describe('one evaluation that never finishes', () => {
    let shared: DatabaseHandle & { url: string };
    let job: EvaluationJob;
    beforeAll(async () => {
      shared = (await open('postgresql')) as DatabaseHandle & { url: string };
      const runId = 'run_queue_faults';
      await insertRun({ id: runId, kind: 'improve', title: 'faults', status: 'running', config: {}, provider: 'scripted', model: 'scripted' }, shared.db);
      const task = await resolveTask('parity', shared.db);
      const solution = 'import time\n\ndef algorithm(*args):\n    time.sleep(3600)\n';
      job = {
        key: { runId, taskId: task.id, instanceSet: 'train', instanceSeed: task.trainSeed, solutionHash: solutionHash(task, solution) },
        options: { ...evaluationOptions(task, 'train', solution), timeoutMsPerInstance: 3_600_000 },
      };
    });

    it('cancelling removes the queued job, then stops it where it runs', async () => {
      const queue = (await queueFor(shared.db, { slots: 0 }))!;
      const jobCount = async () =>
        Number(((await shared.db.execute('select count(*) as n from graphile_worker.jobs')) as unknown as { rows: { n: string }[] }).rows[0]!.n);
      const queuedOnly = new AbortController();
      const waiting = queue.evaluate(job, queuedOnly.signal).catch((error: Error) => error);
      await waitFor(async () => ((await jobCount()) === 1 ? true : undefined), 'the job to be queued');
      queuedOnly.abort();
      expect(String(await waiting)).toMatch(/cancelled/);
      await waitFor(async () => ((await jobCount()) === 0 ? true : undefined), 'the queued job to be removed');

      const runner = await worker(shared.url);
      const running = new AbortController();
      const stopped = queue.evaluate(job, running.signal).catch((error: Error) => error);
      await waitFor(async () => ((await jobsHeldBy(runner.id, shared.db)).length > 0 ? true : undefined), 'the worker to take the job');
      running.abort();
      await stopped;
      await waitFor(async () => ((await jobCount()) === 0 ? true : undefined), 'the running job to be stopped');
      expect(runner.child.exitCode).toBeNull();
      expect(await findEvaluation(job.key, shared.db)).toBeUndefined();
      await runner.stop();
    });

    it('a job that killed its worker twice fails with an error naming the solution, and its caller goes on', async () => {
      const queue = (await queueFor(shared.db, { slots: 0 }))!;
      const result = queue.evaluate(job, new AbortController().signal);
      const killed = [await worker(shared.url)];
      expect(await killWhileRunningAJob(killed[0]!, shared)).toBe(jobKeyOf(job.key));
      killed.push(await worker(shared.url));
      expect(await killWhileRunningAJob(killed[1]!, shared)).toBe(jobKeyOf(job.key));
      const third = await worker(shared.url);
      const outcome = await result;
      expect(outcome.utility).toBe(job.options.failureValue);
      expect(String(outcome.detail?.error)).toContain(`solution ${job.key.solutionHash.slice(0, 12)} of task parity`);
      expect(String(outcome.detail?.error)).toMatch(/killed the worker running it 2 times/);
      expect(outcome.detail).toMatchObject({ worker: third.id, attempt: 3 });
      const stored = await shared.db.select().from(evaluations).where(eq(evaluations.runId, job.key.runId));
      expect(stored).toHaveLength(1);
    });
  });
});

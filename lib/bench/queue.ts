import 'server-only';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { openDatabase } from '@/db/client';
import { deleteRun, insertRun } from '@/db/queries/runs';
import { newId } from '@/db/ids';
import { Limiter } from '@/lib/limiter';
import { QueueRuntime } from '@/lib/queue';
import type { EvaluationJob } from '@/lib/queue/jobs';
import { postgresPoolOf } from '@/lib/queue/listener';
import { startWorker, type TestWorker } from '@/lib/queue/spawn';
import { evaluateSolution } from '@/lib/sandbox';
import { SandboxPool } from '@/lib/sandbox/pool';
import { evaluationOptions, solutionHash } from '@/lib/stop/utility';
import { lpnTask } from '@/lib/tasks/lpn';
import { round, summarise, timed, type Summary } from './stats';
import { RUN_STATUS } from '@/lib/runs/status';

/** One way of running the same evaluations: in this process, or through the queue on N worker processes. */
export interface QueueBenchRow {
  mode: 'in-process' | 'queue';
  /** Worker processes (queue) or concurrent local evaluations (in-process); 1 sandbox slot each. */
  workers: number;
  evaluations: number;
  seconds: number;
  evaluations_per_second: number;
  /** One evaluation at a time: from asking to having the stored result. */
  latency: Summary;
  /** Queue only: end-to-end latency minus the sandbox time the worker measured (enqueue, pick-up, NOTIFY, reads). */
  added_latency: Summary | null;
  /** Queue only: committed PostgreSQL transactions per evaluation during the throughput phase (all processes). */
  transactions_per_evaluation: number | null;
}

export interface QueueBenchReport {
  status: 'measured' | 'skipped';
  reason?: string;
  database?: string;
  rows: QueueBenchRow[];
}

export interface QueueBenchOptions {
  /** Measure with 1..workers worker processes. */
  workers: number;
  /** Evaluations per throughput measurement, and sequential ones for latency. */
  evaluations: number;
  latencySamples: number;
  /** A PostgreSQL URL; without one a throwaway server is started (Debian's postgresql package). */
  databaseUrl?: string;
  log: (line: string) => void;
}

/** Distinct programs, as in a run (every one is a new cache key). */
const variant = (index: number): string => `${lpnTask.seedSolution}\n# bench variant ${index}\n`;

function job(runId: string, index: number): EvaluationJob {
  const solution = variant(index);
  return {
    key: { runId, taskId: lpnTask.id, instanceSet: 'train', instanceSeed: lpnTask.trainSeed, solutionHash: solutionHash(lpnTask, solution) },
    options: evaluationOptions(lpnTask, 'train', solution),
  };
}

async function inProcess(workers: number, options: QueueBenchOptions): Promise<QueueBenchRow> {
  const pool = new SandboxPool();
  try {
    const limiter = new Limiter(workers);
    const run = (index: number) => limiter.run(() => evaluateSolution({ ...evaluationOptions(lpnTask, 'train', variant(index)), pool }));
    await run(-1);
    const latencies: number[] = [];
    for (let index = 0; index < options.latencySamples; index += 1) latencies.push((await timed(() => run(1_000_000 + index))).ms);
    const { ms } = await timed(() => Promise.all(Array.from({ length: options.evaluations }, (_, index) => run(index))));
    return {
      mode: 'in-process',
      workers,
      evaluations: options.evaluations,
      seconds: round(ms / 1000, 2),
      evaluations_per_second: round((options.evaluations * 1000) / ms, 2),
      latency: summarise(latencies),
      added_latency: null,
      transactions_per_evaluation: null,
    };
  } finally {
    await pool.close();
  }
}

/** Transactions committed in this database so far (PostgreSQL's statistics, updated with a small delay). */
async function commits(pool: pg.Pool): Promise<number> {
  await pool.query('select pg_stat_clear_snapshot()');
  const { rows } = await pool.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = current_database()');
  return Number(rows[0]?.n ?? 0);
}

async function throughQueue(queue: QueueRuntime, pool: pg.Pool, runId: string, workers: number, options: QueueBenchOptions, offset: number): Promise<QueueBenchRow> {
  const never = new AbortController().signal;
  setMaxListeners(0, never);
  await queue.evaluate(job(runId, offset - 1), never);
  const latencies: number[] = [];
  const added: number[] = [];
  for (let index = 0; index < options.latencySamples; index += 1) {
    const { value, ms } = await timed(() => queue.evaluate(job(runId, offset + 1_000_000 + index), never));
    latencies.push(ms);
    added.push(Math.max(0, ms - value.durationMs));
  }
  const before = await commits(pool);
  const { ms } = await timed(() =>
    Promise.all(Array.from({ length: options.evaluations }, (_, index) => queue.evaluate(job(runId, offset + index), never))),
  );
  // Statistics reach pg_stat_database when each backend reports (at most every second or so).
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const transactions = (await commits(pool)) - before;
  return {
    mode: 'queue',
    workers,
    evaluations: options.evaluations,
    seconds: round(ms / 1000, 2),
    evaluations_per_second: round((options.evaluations * 1000) / ms, 2),
    latency: summarise(latencies),
    added_latency: summarise(added),
    transactions_per_evaluation: round(transactions / options.evaluations, 1),
  };
}

/**
 * `stop bench --workers N`: evaluations per second and per-evaluation latency of LPN seed evaluations
 * in-process and through the PostgreSQL queue with 1..N local `stop worker` processes (docs/scaling.md).
 */
export async function benchQueue(options: QueueBenchOptions): Promise<QueueBenchReport> {
  let server: { url: string; stop(): Promise<void> } | undefined;
  let url = options.databaseUrl;
  if (!url) {
    try {
      const { startTestPostgres } = await import('@/testing/postgres');
      server = await startTestPostgres();
      url = server.url;
    } catch (error) {
      return { status: 'skipped', reason: `no DATABASE_URL and no local PostgreSQL to start: ${(error as Error).message}`, rows: [] };
    }
  }
  const handle = await openDatabase({ url });
  const pool = postgresPoolOf(handle.db)!;
  const runId = newId('run');
  const rows: QueueBenchRow[] = [];
  let queue: QueueRuntime | undefined;
  const workers: TestWorker[] = [];
  try {
    await insertRun({ id: runId, kind: 'meta-utility', title: 'stop bench --workers (scratch)', status: RUN_STATUS.completed, config: {}, provider: 'scripted', model: 'scripted' }, handle.db);
    for (let count = 1; count <= options.workers; count += 1) {
      options.log(`bench: in-process, ${count} concurrent evaluation(s)…`);
      rows.push(await inProcess(count, options));
    }
    queue = await QueueRuntime.start({ db: handle.db, pool, slots: 0, kind: 'coordinator' });
    for (let count = 1; count <= options.workers; count += 1) {
      while (workers.length < count) workers.push(await startWorker(url, 1));
      options.log(`bench: queue, ${count} worker process(es)…`);
      rows.push(await throughQueue(queue, pool, runId, count, options, count * 10_000_000));
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await queue?.stop();
    await deleteRun(runId, handle.db).catch(() => undefined);
    await handle.close();
    await server?.stop();
  }
  return { status: 'measured', database: handle.location, rows };
}

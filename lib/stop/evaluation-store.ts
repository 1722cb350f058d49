import 'server-only';
import type { Database } from '@/db/client';
import { findEvaluationUtility, listEvaluationUtilities, saveEvaluations, type EvaluationKey } from '@/db/queries/evaluations';
import type { NewEvaluation } from '@/db/schema';
import { BatchWriter } from '@/lib/batch-writer';

/** How long a new evaluation may wait to be written together with others. */
export const EVALUATION_BATCH_DELAY_MS = 250;
export const EVALUATION_BATCH_MAX = 100;
/** A run with more stored evaluations than this is looked up one query at a time instead of loaded whole. */
export const MAX_PRELOADED_EVALUATIONS = 200_000;

type CacheKey = Pick<EvaluationKey, 'taskId' | 'instanceSeed' | 'solutionHash'> & { instanceSet: string };

function keyOf(key: CacheKey): string {
  return `${key.taskId}\u0000${key.instanceSet}\u0000${key.instanceSeed}\u0000${key.solutionHash}`;
}

/**
 * One execution's view of its run's stored evaluations. What earlier executions stored is read in one
 * query, at the first lookup; what this execution computes is added as it arrives. So a lookup costs no
 * query, and new rows are written in batches, behind the engine: one statement for many rows instead of
 * a query and an insert per evaluation, on the thread that also relays every sandbox and model message.
 *
 * A row waits at most EVALUATION_BATCH_DELAY_MS. A process killed meanwhile loses those rows only: the
 * resumed run evaluates those programs again. `flush()` resolves when every row saved so far is stored
 * (the run's totals are read from the record) and rejects when a batch could not be written.
 */
export class EvaluationStore {
  private stored: Promise<Map<string, number> | null> | undefined;
  private readonly batches: BatchWriter<NewEvaluation>;

  constructor(
    private readonly runId: string,
    private readonly db?: Database,
  ) {
    this.batches = new BatchWriter((batch) => saveEvaluations(batch, db), EVALUATION_BATCH_DELAY_MS, EVALUATION_BATCH_MAX);
  }

  /** The stored utility of `key`, if this run has one. */
  async lookup(key: EvaluationKey): Promise<number | undefined> {
    const stored = await this.load();
    if (stored) return stored.get(keyOf(key));
    return findEvaluationUtility(key, this.db);
  }

  /** Notes a utility computed elsewhere and stored there (a queue worker's evaluation). */
  note(key: CacheKey, utility: number): void {
    void this.load().then((stored) => stored?.set(keyOf(key), utility));
  }

  /** Stores a new evaluation (once per key: an existing row wins), in the next batch. */
  save(row: NewEvaluation): void {
    this.note(row, row.utility);
    this.batches.push({ ...row, createdAt: row.createdAt ?? new Date() });
  }

  flush(): Promise<void> {
    return this.batches.flush();
  }

  private load(): Promise<Map<string, number> | null> {
    this.stored ??= listEvaluationUtilities(this.runId, MAX_PRELOADED_EVALUATIONS + 1, this.db).then(
      (rows) => (rows.length > MAX_PRELOADED_EVALUATIONS ? null : new Map(rows.map((row) => [keyOf(row), row.utility]))),
      () => null,
    );
    return this.stored;
  }
}

import 'server-only';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Database, dbOr } from '../client';
import { evaluations, type Evaluation, type NewEvaluation } from '../schema';


export interface EvaluationKey {
  runId: string;
  taskId: string;
  instanceSet: 'train' | 'test';
  instanceSeed: number;
  solutionHash: string;
}

function evaluationKeyIs(key: EvaluationKey) {
  return and(
    eq(evaluations.runId, key.runId),
    eq(evaluations.taskId, key.taskId),
    eq(evaluations.instanceSet, key.instanceSet),
    eq(evaluations.instanceSeed, key.instanceSeed),
    eq(evaluations.solutionHash, key.solutionHash),
  );
}

export async function findEvaluation(key: EvaluationKey, db?: Database): Promise<Evaluation | undefined> {
  const [row] = await (await dbOr(db))
    .select()
    .from(evaluations)
    .where(evaluationKeyIs(key))
    .limit(1);
  return row;
}

/** Only the stored utility (the engine's cache lookup: no row details to read and parse). */
export async function findEvaluationUtility(key: EvaluationKey, db?: Database): Promise<number | undefined> {
  const [row] = await (await dbOr(db))
    .select({ utility: evaluations.utility })
    .from(evaluations)
    .where(evaluationKeyIs(key))
    .limit(1);
  return row?.utility;
}

/** Stores an evaluation once per key (the per-run utility cache). */
export async function saveEvaluation(row: NewEvaluation, db?: Database): Promise<void> {
  await saveEvaluations([row], db);
}

/** Stores evaluations in one statement, each once per key. */
export async function saveEvaluations(rows: NewEvaluation[], db?: Database): Promise<void> {
  if (rows.length === 0) return;
  await (await dbOr(db)).insert(evaluations).values(rows).onConflictDoNothing();
}

/** The stored utility of each of a run's evaluations (at most `limit` of them), with their keys. */
export async function listEvaluationUtilities(runId: string, limit: number, db?: Database): Promise<(EvaluationKey & { utility: number })[]> {
  const rows = await (await dbOr(db))
    .select({
      runId: evaluations.runId,
      taskId: evaluations.taskId,
      instanceSet: evaluations.instanceSet,
      instanceSeed: evaluations.instanceSeed,
      solutionHash: evaluations.solutionHash,
      utility: evaluations.utility,
    })
    .from(evaluations)
    .where(eq(evaluations.runId, runId))
    .limit(limit);
  return rows.map((row) => ({ ...row, instanceSet: row.instanceSet === 'test' ? 'test' : 'train' }));
}

export async function listEvaluations(runId: string, db?: Database): Promise<Evaluation[]> {
  return (await dbOr(db)).select().from(evaluations).where(eq(evaluations.runId, runId)).orderBy(asc(evaluations.id));
}

export async function countEvaluations(runId: string, db?: Database): Promise<number> {
  const [row] = await (await dbOr(db)).select({ value: count() }).from(evaluations).where(eq(evaluations.runId, runId));
  return row?.value ?? 0;
}

/** Wall seconds of the most recent evaluations, of one task when it has any (else of every task). */
export async function recentEvaluationSeconds(taskId: string | null, limit = 200, db?: Database): Promise<number[]> {
  const database = await dbOr(db);
  const recent = (where: SQL | undefined) =>
    database.select({ durationMs: evaluations.durationMs }).from(evaluations).where(where).orderBy(desc(evaluations.createdAt)).limit(limit);
  let rows = taskId ? await recent(eq(evaluations.taskId, taskId)) : [];
  if (rows.length === 0) rows = await recent(undefined);
  return rows.map((row) => row.durationMs / 1000);
}

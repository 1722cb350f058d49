import 'server-only';
import { and, eq, like } from 'drizzle-orm';
import { type Database, dbOr } from '../client';
import { runSteps, type RunStep } from '../schema';


/** The stored result of a completed step, or undefined. */
export async function findStep(runId: string, stepKey: string, db?: Database): Promise<RunStep | undefined> {
  const [row] = await (await dbOr(db))
    .select()
    .from(runSteps)
    .where(and(eq(runSteps.runId, runId), eq(runSteps.stepKey, stepKey)))
    .limit(1);
  return row;
}

/** Records a completed step once; a concurrent or repeated completion keeps the first result. */
export async function saveStep(runId: string, stepKey: string, result: unknown, db?: Database): Promise<unknown> {
  const database = await dbOr(db);
  const [inserted] = await database
    .insert(runSteps)
    .values({ runId, stepKey, result: result as object })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted.result;
  return (await findStep(runId, stepKey, database))?.result;
}

/** The keys of a run's stored steps, at most `limit` of them. */
export async function listStepKeys(runId: string, limit: number, db?: Database): Promise<string[]> {
  const rows = await (await dbOr(db)).select({ stepKey: runSteps.stepKey }).from(runSteps).where(eq(runSteps.runId, runId)).limit(limit);
  return rows.map((row) => row.stepKey);
}

export async function listSteps(runId: string, prefix = '', db?: Database): Promise<RunStep[]> {
  return (await dbOr(db))
    .select()
    .from(runSteps)
    .where(and(eq(runSteps.runId, runId), like(runSteps.stepKey, `${prefix}%`)));
}

export async function deleteStepsOf(runId: string, db?: Database): Promise<void> {
  await (await dbOr(db)).delete(runSteps).where(eq(runSteps.runId, runId));
}

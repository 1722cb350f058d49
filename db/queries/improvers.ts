import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Database, dbOr } from '../client';
import { candidates, improvers, type Candidate, type Improver, type NewCandidate, type NewImprover } from '../schema';


/** Stores an improver once per (run, repeat, iteration); a second write for the same slot returns the first. */
export async function upsertImprover(row: NewImprover, db?: Database): Promise<Improver> {
  const database = await dbOr(db);
  const [inserted] = await database.insert(improvers).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await database
    .select()
    .from(improvers)
    .where(and(eq(improvers.runId, row.runId), eq(improvers.repeat, row.repeat), eq(improvers.iteration, row.iteration)));
  if (!existing) throw new Error('improver slot vanished');
  return existing;
}

export async function updateImprover(
  id: number,
  patch: Partial<Pick<Improver, 'trainMetaUtility' | 'testMetaUtility' | 'testStandardError' | 'adopted' | 'strategyTags' | 'findings'>>,
  db?: Database,
): Promise<void> {
  await (await dbOr(db)).update(improvers).set(patch).where(eq(improvers.id, id));
}

export async function listImprovers(runId: string, db?: Database): Promise<Improver[]> {
  return (await dbOr(db))
    .select()
    .from(improvers)
    .where(eq(improvers.runId, runId))
    .orderBy(asc(improvers.repeat), asc(improvers.iteration));
}

export async function listImproversOfRuns(runIds: string[], db?: Database): Promise<Improver[]> {
  if (runIds.length === 0) return [];
  return (await dbOr(db))
    .select()
    .from(improvers)
    .where(inArray(improvers.runId, runIds))
    .orderBy(asc(improvers.runId), asc(improvers.repeat), asc(improvers.iteration));
}

/** The scores of the improvers of several runs (no code): the runs table's curves. */
export async function listImproverScoresOfRuns(runIds: string[], db?: Database): Promise<ImproverScore[]> {
  if (runIds.length === 0) return [];
  return (await dbOr(db))
    .select({ runId: improvers.runId, repeat: improvers.repeat, iteration: improvers.iteration, trainMetaUtility: improvers.trainMetaUtility, testMetaUtility: improvers.testMetaUtility })
    .from(improvers)
    .where(inArray(improvers.runId, runIds))
    .orderBy(asc(improvers.runId), asc(improvers.repeat), asc(improvers.iteration));
}

export type ImproverScore = Pick<Improver, 'runId' | 'repeat' | 'iteration' | 'trainMetaUtility' | 'testMetaUtility'>;

export async function findImprover(id: number, db?: Database): Promise<Improver | undefined> {
  const [row] = await (await dbOr(db)).select().from(improvers).where(eq(improvers.id, id)).limit(1);
  return row;
}

/** Stores a candidate once per (run, step key); returns the stored row and whether it is new. */
export async function insertCandidate(row: NewCandidate, db?: Database): Promise<{ candidate: Candidate; created: boolean }> {
  const database = await dbOr(db);
  const [inserted] = await database.insert(candidates).values(row).onConflictDoNothing().returning();
  if (inserted) return { candidate: inserted, created: true };
  const [existing] = await database
    .select()
    .from(candidates)
    .where(and(eq(candidates.runId, row.runId), eq(candidates.stepKey, row.stepKey)));
  if (!existing) throw new Error('candidate slot vanished');
  return { candidate: existing, created: false };
}

export async function listCandidates(runId: string, db?: Database): Promise<Candidate[]> {
  return (await dbOr(db))
    .select()
    .from(candidates)
    .where(eq(candidates.runId, runId))
    .orderBy(asc(candidates.repeat), asc(candidates.iteration), asc(candidates.id));
}

export async function findCandidate(id: number, db?: Database): Promise<Candidate | undefined> {
  const [row] = await (await dbOr(db)).select().from(candidates).where(eq(candidates.id, id)).limit(1);
  return row;
}

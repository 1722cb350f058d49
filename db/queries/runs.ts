import 'server-only';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Database, dbOr } from '../client';
import { RUN_STATUS, type RunStatus } from '../../lib/runs/status';
import { events, runs, type NewRun, type Run, type RunEvent } from '../schema';


export async function insertRun(run: NewRun, db?: Database): Promise<Run> {
  const [row] = await (await dbOr(db)).insert(runs).values(run).returning();
  if (!row) throw new Error('inserting the run returned nothing');
  return row;
}

export async function findRun(id: string, db?: Database): Promise<Run | undefined> {
  const [row] = await (await dbOr(db)).select().from(runs).where(eq(runs.id, id)).limit(1);
  return row;
}

export interface RunListOptions {
  limit?: number;
  kinds?: string[];
}

export async function listRuns(options: RunListOptions = {}, db?: Database): Promise<Run[]> {
  const database = await dbOr(db);
  const where = options.kinds?.length ? inArray(runs.kind, options.kinds) : undefined;
  return database
    .select()
    .from(runs)
    .where(where)
    .orderBy(desc(runs.createdAt))
    .limit(options.limit ?? 200);
}

/** A runs-table row as stored: no programs, results or configs beyond the task (they can be large). */
export type RunListing = Pick<Run, 'id' | 'kind' | 'title' | 'status' | 'error' | 'provider' | 'model' | 'tags' | 'note' | 'createdAt' | 'updatedAt'> & {
  taskId: string | null;
  /** A STOP run whose seed improver differs from `stockSeed` (surrounding blank lines and spaces aside). */
  seedEdited: boolean;
};

const BLANK_CHARS = ' \t\r\n';
const BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** The newest runs for the runs table, compared with the stock seed in the database. */
export async function listRunListings(options: { limit?: number; stockSeed: string }, db?: Database): Promise<RunListing[]> {
  const stock = options.stockSeed.replace(BLANKS, '');
  return (await dbOr(db))
    .select({
      id: runs.id,
      kind: runs.kind,
      title: runs.title,
      status: runs.status,
      error: runs.error,
      provider: runs.provider,
      model: runs.model,
      tags: runs.tags,
      note: runs.note,
      createdAt: runs.createdAt,
      updatedAt: runs.updatedAt,
      taskId: sql<string | null>`${runs.config}->>'taskId'`,
      seedEdited: sql<boolean>`(${runs.kind} = 'stop' and ${stock} <> '' and btrim(${runs.seedImprover}, ${BLANK_CHARS}) <> ${stock})`,
    })
    .from(runs)
    .orderBy(desc(runs.createdAt))
    .limit(options.limit ?? 200);
}

export async function listRunsByStatus(statuses: RunStatus[], db?: Database): Promise<Run[]> {
  return (await dbOr(db)).select().from(runs).where(inArray(runs.status, statuses)).orderBy(asc(runs.createdAt));
}

export async function updateRun(
  id: string,
  patch: Partial<Pick<Run, 'status' | 'result' | 'error' | 'startedAt' | 'finishedAt' | 'sandboxLevel' | 'title' | 'resumeAttempts' | 'config'>>,
  db?: Database,
): Promise<void> {
  await (await dbOr(db))
    .update(runs)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(runs.id, id));
}

/** Completed baseline runs (§5.1) of a task and model: the reference lines of that task's Figure 4. */
export async function listBaselineRuns(taskId: string, model: string, db?: Database): Promise<Run[]> {
  return (await dbOr(db))
    .select()
    .from(runs)
    .where(and(eq(runs.kind, 'baseline'), eq(runs.status, RUN_STATUS.completed), eq(runs.model, model), sql`${runs.config}->>'taskId' = ${taskId}`))
    .orderBy(desc(runs.createdAt))
    .limit(20);
}

/** The researcher's title, tags and note of a run; false when the run does not exist. */
export async function updateRunLabels(id: string, labels: { title: string; tags: string[]; note: string }, db?: Database): Promise<boolean> {
  const rows = await (await dbOr(db))
    .update(runs)
    .set({ ...labels, updatedAt: new Date() })
    .where(eq(runs.id, id))
    .returning({ id: runs.id });
  return rows.length > 0;
}

export async function deleteRun(id: string, db?: Database): Promise<void> {
  await (await dbOr(db)).delete(runs).where(eq(runs.id, id));
}

/**
 * Appends events with consecutive sequence numbers after the run's last one, atomically.
 * Returns the stored events (with their seq).
 */
export async function appendEvents(
  runId: string,
  items: { type: string; payload: Record<string, unknown> }[],
  db?: Database,
): Promise<RunEvent[]> {
  if (items.length === 0) return [];
  const database = await dbOr(db);
  return database.transaction(async (tx) => {
    // Serialise appenders of one run so that sequence numbers stay dense and unique.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${runId}))`);
    const [last] = await tx
      .select({ seq: sql<number>`coalesce(max(${events.seq}), 0)` })
      .from(events)
      .where(eq(events.runId, runId));
    const start = Number(last?.seq ?? 0);
    const rows = items.map((item, index) => ({ runId, seq: start + index + 1, type: item.type, payload: item.payload }));
    return tx.insert(events).values(rows).returning();
  });
}

export async function listEvents(
  runId: string,
  options: { afterSeq?: number; limit?: number } = {},
  db?: Database,
): Promise<RunEvent[]> {
  return (await dbOr(db))
    .select()
    .from(events)
    .where(and(eq(events.runId, runId), gt(events.seq, options.afterSeq ?? 0)))
    .orderBy(asc(events.seq))
    .limit(options.limit ?? 10_000);
}

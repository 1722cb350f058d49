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

/** The stock seed improvers a run's seed is compared with, by name (their code as read from lib/improvers). */
export interface StockSeeds {
  seed: string;
  'paper-seed': string;
}
export type StockSeedName = keyof StockSeeds;

/** Where a STOP run's seed came from: which stock seed it is or is closest to, and whether it was edited. */
export interface SeedOrigin {
  /** Differs from every stock seed (surrounding blank lines and spaces aside). */
  seedEdited: boolean;
  /** The stock seed it equals, else the one sharing more lines with it; null for runs that are not STOP runs. */
  seedOrigin: StockSeedName | null;
}

/** A runs-table row as stored: no programs, results or configs beyond the task (they can be large). */
export type RunListing = Pick<Run, 'id' | 'kind' | 'title' | 'status' | 'error' | 'provider' | 'model' | 'tags' | 'note' | 'createdAt' | 'updatedAt'> &
  SeedOrigin & { taskId: string | null };

const BLANK_CHARS = ' \t\r\n';
const BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** The seed-origin columns, computed in the database so that listings never load the programs. */
function seedOriginColumns(stocks: StockSeeds) {
  const seed = sql`btrim(${runs.seedImprover}, ${BLANK_CHARS})`;
  const ours = stocks.seed.replace(BLANKS, '');
  const paper = stocks['paper-seed'].replace(BLANKS, '');
  const sharedLines = (stock: string) =>
    sql`(select count(*) from unnest(string_to_array(${seed}, E'\n')) as line where line = any(string_to_array(${stock}::text, E'\n')))`;
  return {
    seedEdited: sql<boolean>`(${runs.kind} = 'stop' and ${ours} <> '' and ${seed} <> ${ours} and ${seed} <> ${paper})`,
    seedOrigin: sql<StockSeedName | null>`(case when ${runs.kind} <> 'stop' then null when ${seed} = ${paper} then 'paper-seed' when ${seed} = ${ours} then 'seed' when ${sharedLines(paper)} > ${sharedLines(ours)} then 'paper-seed' else 'seed' end)`,
  };
}

/** The newest runs for the runs table, each compared with the stock seeds in the database. */
export async function listRunListings(options: { limit?: number; stockSeeds: StockSeeds }, db?: Database): Promise<RunListing[]> {
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
      ...seedOriginColumns(options.stockSeeds),
    })
    .from(runs)
    .orderBy(desc(runs.createdAt))
    .limit(options.limit ?? 200);
}

/** One run's seed origin (undefined when there is no such run). */
export async function findRunSeedOrigin(id: string, stockSeeds: StockSeeds, db?: Database): Promise<SeedOrigin | undefined> {
  const [row] = await (await dbOr(db)).select(seedOriginColumns(stockSeeds)).from(runs).where(eq(runs.id, id)).limit(1);
  return row;
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

export interface RunProgress {
  id: string;
  status: RunStatus;
  /** The seq of the run's last stored event (0 when none). */
  lastSeq: number;
}

/** Status and last event seq of these runs (unknown ids are left out). */
export async function listRunProgress(ids: readonly string[], db?: Database): Promise<RunProgress[]> {
  if (ids.length === 0) return [];
  const rows = await (await dbOr(db))
    .select({ id: runs.id, status: runs.status, lastSeq: sql<number>`coalesce((select max(${events.seq}) from ${events} where ${events.runId} = ${runs.id}), 0)` })
    .from(runs)
    .where(inArray(runs.id, [...ids]));
  return rows.map((row) => ({ id: row.id, status: row.status as RunStatus, lastSeq: Number(row.lastSeq) }));
}

import 'server-only';
import { and, asc, eq, gt } from 'drizzle-orm';
import { type Database, dbOr } from '../client';
import {
  candidates,
  evaluations,
  events,
  improvers,
  lmCalls,
  runSteps,
  runs,
  type Candidate,
  type Evaluation,
  type Improver,
  type LmCall,
  type Run,
  type RunEvent,
  type RunStep,
} from '../schema';

/** Every row recorded for one run. */
export interface RunRecords {
  run: Run;
  improvers: Improver[];
  candidates: Candidate[];
  evaluations: Evaluation[];
  lmCalls: LmCall[];
  events: RunEvent[];
  steps: RunStep[];
}

export async function loadRunRecords(runId: string, db?: Database): Promise<RunRecords | undefined> {
  const database = await dbOr(db);
  const [run] = await database.select().from(runs).where(eq(runs.id, runId));
  if (!run) return undefined;
  const [improverRows, candidateRows, evaluationRows, callRows, eventRows, stepRows] = await Promise.all([
    database.select().from(improvers).where(eq(improvers.runId, runId)).orderBy(asc(improvers.id)),
    database.select().from(candidates).where(eq(candidates.runId, runId)).orderBy(asc(candidates.id)),
    database.select().from(evaluations).where(eq(evaluations.runId, runId)).orderBy(asc(evaluations.id)),
    database.select().from(lmCalls).where(eq(lmCalls.runId, runId)).orderBy(asc(lmCalls.id)),
    database.select().from(events).where(eq(events.runId, runId)).orderBy(asc(events.seq)),
    database.select().from(runSteps).where(eq(runSteps.runId, runId)),
  ]);
  return {
    run,
    improvers: improverRows,
    candidates: candidateRows,
    evaluations: evaluationRows,
    lmCalls: callRows,
    events: eventRows,
    steps: stepRows,
  };
}

const CHUNK = 500;
function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < rows.length; index += CHUNK) out.push(rows.slice(index, index + CHUNK));
  return out;
}

type Batches<T> = Iterable<T[]> | AsyncIterable<T[]>;

async function* nonEmpty<T>(batches: Batches<T>): AsyncGenerator<T[]> {
  for await (const batch of batches) if (batch.length > 0) yield batch;
}

/** A run's records as batches of rows, so that a large run never has to be in memory at once (imports). */
export interface RunRecordBatches {
  run: Run;
  improvers: Batches<Improver>;
  candidates: Batches<Candidate>;
  evaluations: Batches<Evaluation>;
  lmCalls: Batches<LmCall>;
  events: Batches<RunEvent>;
  steps: Batches<RunStep>;
}

/** Inserts a run's records under the run id they carry, in one transaction. */
export async function insertRunRecords(records: RunRecords, db?: Database): Promise<void> {
  await insertRunRecordBatches(
    {
      run: records.run,
      improvers: chunks(records.improvers),
      candidates: chunks(records.candidates),
      evaluations: chunks(records.evaluations),
      lmCalls: chunks(records.lmCalls),
      events: chunks(records.events),
      steps: chunks(records.steps),
    },
    db,
  );
}

/**
 * Inserts a run's records batch by batch, in one transaction. Improver and candidate ids are assigned
 * anew; parent links (set once every improver is in) and event payloads that name improvers are remapped;
 * events are numbered 1, 2, … in the order given.
 */
export async function insertRunRecordBatches(records: RunRecordBatches, db?: Database): Promise<void> {
  const database = await dbOr(db);
  const runId = records.run.id;
  await database.transaction(async (tx) => {
    await tx.insert(runs).values(records.run);
    const improverIds = new Map<number, number>();
    const parents: { id: number; parentId: number }[] = [];
    for await (const batch of records.improvers) {
      for (const { id, ...rest } of batch) {
        const [inserted] = await tx.insert(improvers).values({ ...rest, runId, parentId: null }).returning({ id: improvers.id });
        improverIds.set(id, inserted!.id);
        if (rest.parentId !== null) parents.push({ id: inserted!.id, parentId: rest.parentId });
      }
    }
    for (const { id, parentId } of parents) {
      await tx.update(improvers).set({ parentId: improverIds.get(parentId) ?? null }).where(eq(improvers.id, id));
    }
    for await (const batch of nonEmpty(records.candidates)) await tx.insert(candidates).values(batch.map(({ id: _id, ...rest }) => ({ ...rest, runId })));
    for await (const batch of nonEmpty(records.evaluations)) await tx.insert(evaluations).values(batch.map(({ id: _id, ...rest }) => ({ ...rest, runId })));
    for await (const batch of nonEmpty(records.lmCalls)) await tx.insert(lmCalls).values(batch.map(({ id: _id, ...rest }) => ({ ...rest, runId })));
    for await (const batch of nonEmpty(records.steps)) await tx.insert(runSteps).values(batch.map((step) => ({ ...step, runId })));
    let seq = 0;
    for await (const batch of nonEmpty(records.events)) {
      const remapped = batch.map((event) => {
        const payload = { ...event.payload };
        if (typeof payload.improver_id === 'number') payload.improver_id = improverIds.get(payload.improver_id) ?? null;
        seq += 1;
        return { ...event, runId, seq, payload };
      });
      await tx.insert(events).values(remapped);
    }
  });
}

/** The sections of a run bundle after `run`, in bundle order. */
export const RECORD_SECTIONS = ['improvers', 'candidates', 'evaluations', 'lmCalls', 'events', 'steps'] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

/**
 * One page of a section's rows, in order, after `after` (the last row's position, from the previous
 * page's `next`). Exports read a run page by page instead of all at once.
 */
export async function pageRunRecords(
  runId: string,
  section: RecordSection,
  after: number | string | null,
  limit: number,
  db?: Database,
): Promise<{ rows: unknown[]; next: number | string | null }> {
  const database = await dbOr(db);
  const byId = async <T extends { id: number }>(table: typeof improvers | typeof candidates | typeof evaluations | typeof lmCalls) => {
    const rows = (await database
      .select()
      .from(table)
      .where(and(eq(table.runId, runId), gt(table.id, Number(after ?? 0))))
      .orderBy(asc(table.id))
      .limit(limit)) as unknown as T[];
    return { rows, next: rows.length === limit ? rows.at(-1)!.id : null };
  };
  switch (section) {
    case 'improvers':
      return byId(improvers);
    case 'candidates':
      return byId(candidates);
    case 'evaluations':
      return byId(evaluations);
    case 'lmCalls':
      return byId(lmCalls);
    case 'events': {
      const rows = await database
        .select()
        .from(events)
        .where(and(eq(events.runId, runId), gt(events.seq, Number(after ?? 0))))
        .orderBy(asc(events.seq))
        .limit(limit);
      return { rows, next: rows.length === limit ? rows.at(-1)!.seq : null };
    }
    case 'steps': {
      const rows = await database
        .select()
        .from(runSteps)
        .where(and(eq(runSteps.runId, runId), gt(runSteps.stepKey, String(after ?? ''))))
        .orderBy(asc(runSteps.stepKey))
        .limit(limit);
      return { rows, next: rows.length === limit ? rows.at(-1)!.stepKey : null };
    }
  }
}

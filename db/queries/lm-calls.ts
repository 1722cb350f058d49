import 'server-only';
import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Database, dbOr } from '../client';
import { events, lmCalls, type LmCall, type NewLmCall } from '../schema';


/**
 * Stores one model call exactly once per (run, request key, ordinal). A failed call recorded earlier
 * (an error row) is replaced by the new outcome; a successful one is kept and `undefined` returned.
 * Only the id and error come back: reading the stored request and answers back would parse them again
 * on the engine's thread, for every model call.
 */
export async function recordLmCall(call: NewLmCall, db?: Database): Promise<{ id: number; error: string | null } | undefined> {
  const [row] = await (
    await dbOr(db)
  )
    .insert(lmCalls)
    .values(call)
    .onConflictDoUpdate({
      target: [lmCalls.runId, lmCalls.requestKey, lmCalls.ordinal],
      set: {
        stepKey: call.stepKey,
        provider: call.provider,
        model: call.model,
        request: call.request,
        responses: call.responses,
        promptTokens: call.promptTokens,
        completionTokens: call.completionTokens,
        costUsd: call.costUsd,
        latencyMs: call.latencyMs,
        retries: call.retries,
        error: call.error ?? null,
        meta: call.meta ?? null,
        createdAt: new Date(),
      },
      setWhere: isNotNull(lmCalls.error),
    })
    .returning({ id: lmCalls.id, error: lmCalls.error });
  return row;
}

/** The successful recorded answer of one call, if any. */
export async function findRecordedLmCall(
  runId: string,
  requestKey: string,
  ordinal: number,
  db?: Database,
): Promise<LmCall | undefined> {
  const [row] = await (
    await dbOr(db)
  )
    .select()
    .from(lmCalls)
    .where(
      and(
        eq(lmCalls.runId, runId),
        eq(lmCalls.requestKey, requestKey),
        eq(lmCalls.ordinal, ordinal),
        isNull(lmCalls.error),
      ),
    )
    .limit(1);
  return row;
}

/** The (request key, ordinal) of each of a run's successful calls, at most `limit` of them. */
export async function listAnsweredLmCallKeys(runId: string, limit: number, db?: Database): Promise<{ requestKey: string; ordinal: number }[]> {
  return (await dbOr(db))
    .select({ requestKey: lmCalls.requestKey, ordinal: lmCalls.ordinal })
    .from(lmCalls)
    .where(and(eq(lmCalls.runId, runId), isNull(lmCalls.error)))
    .limit(limit);
}

export interface LmCallListOptions {
  /** Only calls with a larger id (for paging and live tails). */
  afterId?: number;
  limit?: number;
  /** Leave out failed calls (what replay uses). */
  successfulOnly?: boolean;
}

/** A run's calls in the order they were recorded. */
export async function listLmCalls(
  runId: string,
  options: LmCallListOptions = {},
  db?: Database,
): Promise<LmCall[]> {
  const conditions = [eq(lmCalls.runId, runId)];
  if (options.afterId !== undefined) conditions.push(gt(lmCalls.id, options.afterId));
  if (options.successfulOnly) conditions.push(isNull(lmCalls.error));
  return (await dbOr(db))
    .select()
    .from(lmCalls)
    .where(and(...conditions))
    .orderBy(asc(lmCalls.id))
    .limit(options.limit ?? 10_000);
}

export interface LmCallTotals {
  calls: number;
  failedCalls: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  latencyMs: number;
}

/** Totals over a run's recorded calls (for its cost panel). */
export async function summariseLmCalls(runId: string, db?: Database): Promise<LmCallTotals> {
  const [row] = await (
    await dbOr(db)
  )
    .select({
      calls: sql<number>`count(*)::int`,
      failedCalls: sql<number>`count(${lmCalls.error})::int`,
      retries: sql<number>`coalesce(sum(${lmCalls.retries}), 0)::int`,
      promptTokens: sql<number>`coalesce(sum(${lmCalls.promptTokens}), 0)::bigint`,
      completionTokens: sql<number>`coalesce(sum(${lmCalls.completionTokens}), 0)::bigint`,
      costUsd: sql<number>`coalesce(sum(${lmCalls.costUsd}), 0)::float8`,
      latencyMs: sql<number>`coalesce(sum(${lmCalls.latencyMs}), 0)::bigint`,
    })
    .from(lmCalls)
    .where(eq(lmCalls.runId, runId));
  return {
    calls: Number(row?.calls ?? 0),
    failedCalls: Number(row?.failedCalls ?? 0),
    retries: Number(row?.retries ?? 0),
    promptTokens: Number(row?.promptTokens ?? 0),
    completionTokens: Number(row?.completionTokens ?? 0),
    costUsd: Number(row?.costUsd ?? 0),
    latencyMs: Number(row?.latencyMs ?? 0),
  };
}

/**
 * A run's recorded calls that have no `lm.call` event (the process died between storing the call and
 * writing its event), in recording order.
 */
export async function listLmCallsWithoutEvent(runId: string, db?: Database): Promise<LmCall[]> {
  return (await dbOr(db))
    .select()
    .from(lmCalls)
    .where(
      and(
        eq(lmCalls.runId, runId),
        sql`not exists (select 1 from ${events} where ${events.runId} = ${runId} and ${events.type} = 'lm.call' and ${events.payload}->>'call_id' = ${lmCalls.id}::text)`,
      ),
    )
    .orderBy(asc(lmCalls.id));
}

export async function countLmCalls(runId: string, db?: Database): Promise<number> {
  const [row] = await (await dbOr(db)).select({ count: sql<number>`count(*)::int` }).from(lmCalls).where(eq(lmCalls.runId, runId));
  return Number(row?.count ?? 0);
}

/** The latency the gateway recorded for every successful call of the database, oldest first (benchmarks). */
export async function listRecordedLatencies(db?: Database): Promise<number[]> {
  const rows = await (await dbOr(db))
    .select({ latencyMs: lmCalls.latencyMs })
    .from(lmCalls)
    .where(isNull(lmCalls.error))
    .orderBy(asc(lmCalls.id));
  return rows.map((row) => row.latencyMs);
}

/** Latencies (seconds) of the most recent successful calls to `model`, for time estimates. */
export async function recentLmLatencySeconds(model: string, limit = 200, db?: Database): Promise<number[]> {
  const rows = await (await dbOr(db))
    .select({ latencyMs: lmCalls.latencyMs })
    .from(lmCalls)
    .where(and(eq(lmCalls.model, model), isNull(lmCalls.error)))
    .orderBy(desc(lmCalls.id))
    .limit(limit);
  return rows.map((row) => row.latencyMs / 1000);
}

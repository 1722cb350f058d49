import 'server-only';
import type { Database } from '@/db/client';
import { findRecordedLmCall, listAnsweredLmCallKeys, listLmCalls, recordLmCall } from '@/db/queries/lm-calls';
import { resolveModelPrice } from '@/db/queries/prices';
import type { LmCall } from '@/db/schema';
import type { LmCallRecorder, RecordedRequest, StoredLmCall } from '@/lib/lm/record';

/** Replay reads a recorded run whole. */
const REPLAY_CALL_LIMIT = 1_000_000;
/** A run with more answered calls than this is asked one call at a time instead of indexed in memory. */
const MAX_INDEXED_CALLS = 200_000;

const answerKey = (requestKey: string, ordinal: number) => `${requestKey}\u0000${ordinal}`;

function storedFromRow(row: LmCall): StoredLmCall & { id: number } {
  const request = row.request as RecordedRequest;
  return {
    id: row.id,
    runId: row.runId,
    stepKey: row.stepKey ?? '',
    requestKey: row.requestKey,
    ordinal: row.ordinal,
    provider: row.provider as StoredLmCall['provider'],
    model: row.model,
    n: request.n,
    request,
    responses: row.responses,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    costUsd: row.costUsd,
    latencyMs: row.latencyMs,
    retries: row.retries,
    error: row.error,
    meta: row.meta ?? null,
  };
}

/** The LM gateway's record kept in lm_calls, with prices from model_prices (omitted db: the process-wide one). */
export function databaseRecorder(db?: Database): LmCallRecorder {
  // Per run, which calls have an answer in the record: read once, then kept with what this recorder
  // stores. Most calls of a run are new, and asking the record for each costs a query on the engine's thread.
  const answered = new Map<string, Promise<Set<string> | null>>();
  const answeredIn = (runId: string) => {
    let keys = answered.get(runId);
    if (!keys) {
      keys = listAnsweredLmCallKeys(runId, MAX_INDEXED_CALLS + 1, db).then(
        (rows) => (rows.length > MAX_INDEXED_CALLS ? null : new Set(rows.map((row) => answerKey(row.requestKey, row.ordinal)))),
        () => null,
      );
      answered.set(runId, keys);
    }
    return keys;
  };
  return {
    async store(call) {
      const { runId, requestKey, ordinal, stepKey, provider, model, request, responses } = call;
      const { promptTokens, completionTokens, costUsd, latencyMs, retries, error, meta } = call;
      const row = { runId, requestKey, ordinal, stepKey, provider, model, request, responses, promptTokens, completionTokens, costUsd, latencyMs, retries, error, meta };
      const stored = await recordLmCall(row, db);
      // No row back: an earlier answer was kept. Either way the call now has one, unless this is an error.
      if (!stored || stored.error === null) (await answeredIn(runId))?.add(answerKey(requestKey, ordinal));
      return stored?.id;
    },
    async findAnswered(runId, requestKey, ordinal) {
      const keys = await answeredIn(runId);
      if (keys && !keys.has(answerKey(requestKey, ordinal))) return undefined;
      const row = await findRecordedLmCall(runId, requestKey, ordinal, db);
      return row ? storedFromRow(row) : undefined;
    },
    async listCalls(runId) {
      return (await listLmCalls(runId, { limit: REPLAY_CALL_LIMIT }, db)).map(storedFromRow);
    },
    price: (model) => resolveModelPrice(model, db),
  };
}

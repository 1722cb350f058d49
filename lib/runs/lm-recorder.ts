import 'server-only';
import type { Database } from '@/db/client';
import { findRecordedLmCall, listLmCalls, recordLmCall } from '@/db/queries/lm-calls';
import { resolveModelPrice } from '@/db/queries/prices';
import type { LmCall } from '@/db/schema';
import type { LmCallRecorder, RecordedRequest, StoredLmCall } from '@/lib/lm/record';

/** Replay reads a recorded run whole. */
const REPLAY_CALL_LIMIT = 1_000_000;

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
  return {
    async store(call) {
      const { runId, requestKey, ordinal, stepKey, provider, model, request, responses } = call;
      const { promptTokens, completionTokens, costUsd, latencyMs, retries, error, meta } = call;
      const row = { runId, requestKey, ordinal, stepKey, provider, model, request, responses, promptTokens, completionTokens, costUsd, latencyMs, retries, error, meta };
      return (await recordLmCall(row, db))?.id;
    },
    async findAnswered(runId, requestKey, ordinal) {
      const row = await findRecordedLmCall(runId, requestKey, ordinal, db);
      return row ? storedFromRow(row) : undefined;
    },
    async listCalls(runId) {
      return (await listLmCalls(runId, { limit: REPLAY_CALL_LIMIT }, db)).map(storedFromRow);
    },
    price: (model) => resolveModelPrice(model, db),
  };
}

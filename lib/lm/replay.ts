import type { Database } from '@/db/client';
import { listLmCalls } from '@/db/queries/lm-calls';
import type { LmCall } from '@/db/schema';
import { LmRequestError } from './types';

/** A recorded run's calls (failed ones too, to fail the same way), by (request key, ordinal): what replay answers from. */
export interface ReplayRecord {
  /** The recorded run's model (the most used one), which request keys were computed with. */
  model: string;
  lookup(requestKey: string, ordinal: number): LmCall | undefined;
}

export async function loadReplayRecord(replayRunId: string, db: Database): Promise<ReplayRecord> {
  const calls = await listLmCalls(replayRunId, { limit: 1_000_000 }, db);
  if (calls.length === 0) {
    throw new LmRequestError(
      `cannot replay run ${replayRunId}: it has no recorded language-model calls`,
      'replay_miss',
    );
  }
  const byKey = new Map(calls.map((call) => [`${call.requestKey}#${call.ordinal}`, call]));
  const modelCounts = new Map<string, number>();
  for (const call of calls) modelCounts.set(call.model, (modelCounts.get(call.model) ?? 0) + 1);
  const model = [...modelCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'replay';
  return { model, lookup: (requestKey, ordinal) => byKey.get(`${requestKey}#${ordinal}`) };
}

import type { LmCallRecorder, StoredLmCall } from './record';
import { LmRequestError } from './types';

/** A recorded run's calls (failed ones too, to fail the same way), by (request key, ordinal): what replay answers from. */
export interface ReplayRecord {
  /** The recorded run's model (the most used one), which request keys were computed with. */
  model: string;
  lookup(requestKey: string, ordinal: number): StoredLmCall | undefined;
}

export async function loadReplayRecord(replayRunId: string, recorder: LmCallRecorder): Promise<ReplayRecord> {
  const calls = await recorder.listCalls(replayRunId);
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

import 'server-only';
import type { Database } from '@/db/client';
import { findActiveComparisonShare } from '@/db/queries/comparison-shares';
import { listRunProgress, type RunProgress } from '@/db/queries/runs';
import { SHARE_TOKEN_PATTERN } from '@/lib/auth/token';
import { parseEventId, SSE_ACCESS_RECHECK_MS, SSE_EVENTS, SSE_KEEPALIVE, SSE_KEEPALIVE_MS, sseFrame, sseWriter } from '@/lib/runs/sse';
import { isTerminal } from '@/lib/runs/status';


export const NO_SUCH_COMPARISON = 'There is no such shared comparison, or its link was revoked.';

/** What a change message carries: each shown run's status and last event seq (at most 12 runs). */
export interface ComparisonProgress {
  runs: Pick<RunProgress, 'id' | 'status' | 'lastSeq'>[];
}

export type ComparisonStreamStart = { ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; status: 400 | 404; error: string };

/** Events seen over all runs: grows with every new event, so it serves as the message id. */
const eventTotal = (progress: RunProgress[]): number => progress.reduce((sum, run) => sum + run.lastSeq, 0);
const fingerprint = (progress: RunProgress[]): string => progress.map((run) => `${run.id}:${run.status}:${run.lastSeq}`).join(',');
const allEnded = (progress: RunProgress[]): boolean => progress.every((run) => isTerminal(run.status));

/**
 * The event stream of a shared comparison: a message (`id:` the number of events seen over its runs) whenever
 * one of its runs changes status or writes events, at most one a second; `end` once every run has ended;
 * `revoked` (and the stream closes) within a second or so of the link being revoked. Every check that can
 * fail is made before the stream opens. A reconnect whose Last-Event-ID is behind gets a message at once.
 */
export async function openComparisonStream(
  token: string,
  options: { lastEventId: string | null; signal: AbortSignal; db?: Database; recheckMs?: number },
): Promise<ComparisonStreamStart> {
  const { db, signal } = options;
  if (!SHARE_TOKEN_PATTERN.test(token)) return { ok: false, status: 404, error: NO_SUCH_COMPARISON };
  const lastEventId = parseEventId(options.lastEventId);
  if (lastEventId === null) return { ok: false, status: 400, error: 'Last-Event-ID must be an event number.' };
  const share = await findActiveComparisonShare(token, db);
  if (!share) return { ok: false, status: 404, error: NO_SUCH_COMPARISON };
  const initial = await listRunProgress(share.view.runs, db);

  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const { send, close } = sseWriter(controller, stop);
      const message = (progress: RunProgress[]) => {
        const data: ComparisonProgress = { runs: progress.map(({ id, status, lastSeq }) => ({ id, status, lastSeq })) };
        send(`id: ${eventTotal(progress)}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      let seen = fingerprint(initial);
      const settle = (progress: RunProgress[]) => {
        if (allEnded(progress)) {
          send(sseFrame(SSE_EVENTS.end));
          stop.abort();
        }
      };
      send('retry: 2000\n\n');
      if (lastEventId !== undefined && lastEventId !== eventTotal(initial)) message(initial);
      settle(initial);

      const keepalive = setInterval(() => send(SSE_KEEPALIVE), SSE_KEEPALIVE_MS);
      let checking = false;
      const tick = async () => {
        if (!(await findActiveComparisonShare(token, db))) {
          send(sseFrame(SSE_EVENTS.revoked));
          stop.abort();
          return;
        }
        const progress = await listRunProgress(share.view.runs, db);
        if (stop.signal.aborted) return;
        const now = fingerprint(progress);
        if (now !== seen) {
          seen = now;
          message(progress);
        }
        settle(progress);
      };
      const recheck = setInterval(() => {
        if (checking || stop.signal.aborted) return;
        checking = true;
        tick()
          .catch((error: unknown) => send(sseFrame(SSE_EVENTS.streamError, { message: error instanceof Error ? error.message : String(error) })))
          .finally(() => {
            checking = false;
          });
      }, options.recheckMs ?? SSE_ACCESS_RECHECK_MS);
      await new Promise<void>((resolve) => {
        if (stop.signal.aborted) resolve();
        else stop.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      clearInterval(keepalive);
      clearInterval(recheck);
      close();
    },
    cancel() {
      stop.abort();
    },
  });
  return { ok: true, stream };
}

import { canReadRun, jsonError, readableRun } from '@/app/_lib/access';
import { redactEventForShare } from '@/app/_lib/share-redaction';
import { toTypedEvent } from '@/app/_lib/typed-events';
import type { RunEvent } from '@/db/schema';
import { followEvents, storedEvents } from '@/lib/runs/events';
import { parseEventId, SSE_ACCESS_RECHECK_MS, SSE_EVENTS, SSE_HEADERS, SSE_KEEPALIVE, SSE_KEEPALIVE_MS, sseFrame, sseWriter, TERMINAL_EVENT_TYPES } from '@/lib/runs/sse';
import { isTerminal } from '@/lib/runs/status';

export const dynamic = 'force-dynamic';


function framer(forShare: boolean): (event: RunEvent) => string {
  return (event) => {
    const typed = toTypedEvent(event);
    return `id: ${event.seq}\ndata: ${JSON.stringify(forShare ? redactEventForShare(typed) : typed)}\n\n`;
  };
}

/**
 * Server-Sent Events for one run: every stored event after `Last-Event-ID` (or `?after=`), then new ones
 * as they are written. Ends with an `end` event once the run has finished and everything is sent.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const url = new URL(request.url);
  const readable = await readableRun(request, id);
  if ('refusal' in readable) return readable.refusal;
  const { run } = readable;
  const frame = framer(readable.reader === 'share');
  // The browser's Last-Event-ID (sent on reconnect) wins over the page's initial position.
  const fromHeader = parseEventId(request.headers.get('last-event-id'));
  const fromQuery = parseEventId(url.searchParams.get('after'));
  if (fromHeader === null || fromQuery === null) return jsonError(400, 'Last-Event-ID and ?after= must be event sequence numbers.');
  const afterSeq = fromHeader ?? fromQuery ?? 0;
  const finishedAlready = isTerminal(run.status);

  const stop = new AbortController();
  request.signal.addEventListener('abort', () => stop.abort(), { once: true });

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const { send, close } = sseWriter(controller, stop);
      const finish = () => {
        send(sseFrame(SSE_EVENTS.end));
        stop.abort();
      };
      const deliver = (batch: RunEvent[]) => {
        send(batch.map(frame).join(''));
        if (batch.some((event) => TERMINAL_EVENT_TYPES.has(event.type))) finish();
      };
      const keepalive = setInterval(() => send(SSE_KEEPALIVE), SSE_KEEPALIVE_MS);
      let checking = false;
      const recheck = setInterval(() => {
        if (checking || stop.signal.aborted) return;
        checking = true;
        canReadRun(request, id, url.searchParams.get('share'))
          .then((allowed) => {
            if (allowed || stop.signal.aborted) return;
            send(sseFrame(SSE_EVENTS.revoked));
            stop.abort();
          })
          .catch(() => undefined)
          .finally(() => {
            checking = false;
          });
      }, SSE_ACCESS_RECHECK_MS);
      send('retry: 2000\n\n');
      try {
        if (finishedAlready) {
          for await (const page of storedEvents(id, afterSeq, { signal: stop.signal })) send(page.map(frame).join(''));
          finish();
        } else {
          await followEvents(id, afterSeq, deliver, stop.signal);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        send(sseFrame(SSE_EVENTS.streamError, { message }));
      } finally {
        clearInterval(keepalive);
        clearInterval(recheck);
        close();
      }
    },
    cancel() {
      stop.abort();
    },
  });

  return new Response(stream, { headers: SSE_HEADERS });
}

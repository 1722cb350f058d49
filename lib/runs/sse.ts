/**
 * The run event stream's vocabulary, shared by the SSE route (app/api/runs/[id]/events), the run page's
 * client (components/runs/use-run-events.ts) and the benchmark's client (lib/bench/sse.ts).
 * Run events go out as unnamed messages (`id: seq`, `data: event`); these named events control the stream.
 */
export const SSE_EVENTS = {
  /** The run has ended and every event was sent: the client closes. */
  end: 'end',
  /** The reader lost access (a revoked share link, an ended session): the client closes. */
  revoked: 'revoked',
  /** Reading the log failed; `data` is `{ message }`. The browser reconnects from Last-Event-ID. */
  streamError: 'stream-error',
} as const;

/** Run events after which nothing more is written: the stream ends once one is sent. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled', 'run.budget_reached']);

/** One named control event as an SSE frame. */
export const sseFrame = (event: (typeof SSE_EVENTS)[keyof typeof SSE_EVENTS], data: unknown = {}): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Headers of every event stream: no caching or buffering on the way. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** A comment line that keeps proxies from closing an idle stream. */
export const SSE_KEEPALIVE = ': keepalive\n\n';
export const SSE_KEEPALIVE_MS = 15_000;
/** How often an open stream re-checks that its reader may still read (a revoked link closes it within this). */
export const SSE_ACCESS_RECHECK_MS = 1_000;

/** An event id (`Last-Event-ID`, `?after=`): undefined when absent, null when malformed. */
export function parseEventId(value: string | null): number | null | undefined {
  if (value === null || value === '') return undefined;
  return /^\d{1,12}$/.test(value) ? Number(value) : null;
}

/**
 * Writes text frames to a server's SSE stream. The first write that fails (the reader went away) marks the
 * stream closed and aborts `stop`; `close` ends it once.
 */
export function sseWriter(controller: ReadableStreamDefaultController<Uint8Array>, stop: AbortController): { send: (text: string) => void; close: () => void } {
  const encoder = new TextEncoder();
  let closed = false;
  return {
    send(text) {
      if (closed) return;
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        closed = true;
        stop.abort();
      }
    },
    close() {
      if (closed) return;
      closed = true;
      controller.close();
    },
  };
}

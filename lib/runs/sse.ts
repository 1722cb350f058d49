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

import 'server-only';
import { EventEmitter } from 'node:events';
import { appendEvents, listEvents } from '@/db/queries/runs';
import { dbOr, getDb, type Database } from '@/db/client';
import { CHANNELS, listenerFor, notify, postgresPoolOf } from '@/lib/queue/listener';
import type { RunEvent } from '@/db/schema';
import type { RunEventPayloads, RunEventType } from './event-types';

/** In-process fan-out of newly stored events, so that live streams need not poll when the writer is local. */
type GlobalWithBus = typeof globalThis & { __stopStudioEventBus?: EventEmitter };
const holder = globalThis as GlobalWithBus;
const bus = (holder.__stopStudioEventBus ??= new EventEmitter().setMaxListeners(0));

export type EventDraft = { [T in RunEventType]: { type: T; payload: RunEventPayloads[T] } }[RunEventType];

/** Appends events to the run's log and notifies live subscribers. */
export async function recordEvents(runId: string, drafts: EventDraft[], db?: Database): Promise<RunEvent[]> {
  const stored = await appendEvents(
    runId,
    drafts.map((draft) => ({ type: draft.type, payload: draft.payload as Record<string, unknown> })),
    db,
  );
  if (stored.length > 0) {
    bus.emit(runId, stored);
    // Streams in other processes (app servers following a CLI run) are woken by NOTIFY.
    const pool = postgresPoolOf(await dbOr(db));
    if (pool) await notify(pool, CHANNELS.runEvents, runId).catch(() => undefined);
  }
  return stored;
}

export function recordEvent<T extends RunEventType>(
  runId: string,
  type: T,
  payload: RunEventPayloads[T],
  db?: Database,
): Promise<RunEvent[]> {
  return recordEvents(runId, [{ type, payload } as EventDraft], db);
}

/** Events read from the log per query. */
export const EVENT_PAGE = 5000;

/** Every stored event with seq > afterSeq, in order, a page at a time (until the signal aborts). */
export async function* storedEvents(
  runId: string,
  afterSeq: number,
  options: { db?: Database; signal?: AbortSignal } = {},
): AsyncGenerator<RunEvent[]> {
  for (let after = afterSeq; !options.signal?.aborted; ) {
    const page = await listEvents(runId, { afterSeq: after, limit: EVENT_PAGE }, options.db);
    if (page.length === 0) return;
    yield page;
    if (page.length < EVENT_PAGE) return;
    after = page.at(-1)!.seq;
  }
}

/**
 * Delivers every event with seq > afterSeq, in order and without duplicates: first what is stored,
 * then new events as they are written, until the signal aborts. Events written by this process arrive
 * through the in-process bus; on PostgreSQL, those written by any other process (a CLI coordinator, another
 * app server) are announced by NOTIFY and read from the log. No polling.
 */
export async function followEvents(
  runId: string,
  afterSeq: number,
  deliver: (events: RunEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  let lastSeq = afterSeq;
  let reading: Promise<void> = Promise.resolve();
  const push = (batch: RunEvent[]) => {
    const fresh = batch.filter((event) => event.seq > lastSeq);
    if (fresh.length === 0) return;
    // A gap means we missed something (e.g. events written elsewhere): re-read from the log instead.
    if (fresh[0]!.seq !== lastSeq + 1) {
      catchUp();
      return;
    }
    lastSeq = fresh.at(-1)!.seq;
    deliver(fresh);
  };
  const catchUp = () => {
    reading = reading.then(async () => {
      for await (const stored of storedEvents(runId, lastSeq, { signal })) {
        lastSeq = stored.at(-1)!.seq;
        deliver(stored);
      }
    });
  };
  const onLive = (batch: RunEvent[]) => {
    reading = reading.then(() => push(batch));
  };
  bus.on(runId, onLive);
  const pool = postgresPoolOf(await getDb());
  const listener = pool ? listenerFor(pool) : undefined;
  const unsubscribe = await listener?.subscribe(CHANNELS.runEvents, (id) => {
    if (id === runId) catchUp();
  });
  const offReconnect = listener?.onReconnect(catchUp);
  catchUp();
  try {
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    unsubscribe?.();
    offReconnect?.();
    bus.off(runId, onLive);
  }
}

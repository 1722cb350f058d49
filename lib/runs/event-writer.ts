import 'server-only';
import type { Database } from '@/db/client';
import { BatchWriter } from '@/lib/batch-writer';
import { recordEvents, type EventDraft } from './events';

/** How long an event may wait to be written together with others. */
export const EVENT_BATCH_DELAY_MS = 50;
export const EVENT_BATCH_MAX = 500;

/**
 * Buffers a run's events and writes them in order, in batches: one transaction for many events
 * instead of one per event. `flush()` resolves when everything emitted so far is stored.
 */
export class EventWriter {
  private readonly batches: BatchWriter<EventDraft>;

  constructor(runId: string, db?: Database) {
    this.batches = new BatchWriter((batch) => recordEvents(runId, batch, db), EVENT_BATCH_DELAY_MS, EVENT_BATCH_MAX);
  }

  emit(draft: EventDraft): void {
    this.batches.push(draft);
  }

  flush(): Promise<void> {
    return this.batches.flush();
  }
}

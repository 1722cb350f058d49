import 'server-only';
import type { Database } from '@/db/client';
import { recordEvents, type EventDraft } from './events';

/** How long an event may wait to be written together with others. */
export const EVENT_BATCH_DELAY_MS = 50;
export const EVENT_BATCH_MAX = 500;

/**
 * Buffers a run's events and writes them in order, in batches: one transaction for many events
 * instead of one per event. `flush()` resolves when everything emitted so far is stored.
 */
export class EventWriter {
  private buffer: EventDraft[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly runId: string,
    private readonly db?: Database,
  ) {}

  emit(draft: EventDraft): void {
    this.buffer.push(draft);
    if (this.buffer.length >= EVENT_BATCH_MAX) this.schedule(0);
    else this.schedule(EVENT_BATCH_DELAY_MS);
  }

  async flush(): Promise<void> {
    this.schedule(0);
    await this.chain;
    if (this.failure) throw this.failure;
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    const write = () => {
      this.timer = undefined;
      const batch = this.buffer;
      this.buffer = [];
      if (batch.length === 0) return;
      this.chain = this.chain.then(() =>
        recordEvents(this.runId, batch, this.db).then(
          () => undefined,
          (error: unknown) => {
            this.failure ??= error;
          },
        ),
      );
    };
    if (delayMs === 0) write();
    else this.timer = setTimeout(write, delayMs);
  }
}

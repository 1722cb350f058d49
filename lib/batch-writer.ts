/**
 * Buffers items and writes them in order, in batches: one write for many items instead of one each. An
 * item waits at most `delayMs` (none once `maxBatch` are waiting). `flush()` resolves when everything
 * pushed so far is written, and rejects with the first failed write.
 */
export class BatchWriter<T> {
  private buffer: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly write: (batch: T[]) => Promise<unknown>,
    private readonly delayMs: number,
    private readonly maxBatch: number,
  ) {}

  push(item: T): void {
    this.buffer.push(item);
    this.schedule(this.buffer.length >= this.maxBatch ? 0 : this.delayMs);
  }

  async flush(): Promise<void> {
    this.schedule(0);
    await this.chain;
    if (this.failure) throw this.failure;
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    const writeBuffered = () => {
      this.timer = undefined;
      const batch = this.buffer;
      this.buffer = [];
      if (batch.length === 0) return;
      this.chain = this.chain.then(() =>
        this.write(batch).then(
          () => undefined,
          (error: unknown) => {
            this.failure ??= error;
          },
        ),
      );
    };
    if (delayMs === 0) writeBuffered();
    else this.timer = setTimeout(writeBuffered, delayMs);
  }
}

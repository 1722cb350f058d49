/**
 * At most a given number of holders at a time (its running count), with up to `waiting` more queued in arrival order; beyond that
 * `enter` answers null at once (the caller refuses with 503 and Retry-After).
 */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  /** Resolves with a release function (idempotent) once admitted, or null when the queue is full. */
  async enter(): Promise<(() => void) | null> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) return null;
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes straight to the next in line.
      if (next) next();
      else this.active -= 1;
    };
  }
}

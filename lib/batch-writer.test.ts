import { describe, expect, it } from 'vitest';
import { BatchWriter } from './batch-writer';

describe('BatchWriter', () => {
  it('writes in order, a full batch at once and the rest on flush, one write at a time', async () => {
    const batches: number[][] = [];
    let writing = 0;
    const writer = new BatchWriter<number>(
      async (batch) => {
        expect(++writing).toBe(1);
        await new Promise((resolve) => setImmediate(resolve));
        batches.push(batch);
        writing -= 1;
      },
      60_000,
      2,
    );
    for (let item = 1; item <= 5; item += 1) writer.push(item);
    await writer.flush();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    await writer.flush();
    expect(batches).toHaveLength(3);
  });

  it('a failed write fails the flush, and later batches are still written', async () => {
    const written: number[] = [];
    const writer = new BatchWriter<number>(
      async (batch) => {
        if (batch.includes(1)) throw new Error('disk full');
        written.push(...batch);
      },
      60_000,
      1,
    );
    writer.push(1);
    writer.push(2);
    await expect(writer.flush()).rejects.toThrow('disk full');
    expect(written).toEqual([2]);
  });
});

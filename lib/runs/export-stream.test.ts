import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { lmCalls } from '@/db/schema';
import { openTestDatabase } from '@/testing/databases';
import { exportRunBundle } from './bundle';
import { acquireExportSlot, EXPORT_PAGE_ROWS, MAX_EXPORTS_PER_CLIENT, streamRunExport } from './export-stream';
import { launchRun } from './service';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number; largest: number }> {
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  let largest = 0;
  for await (const chunk of stream) {
    chunks += 1;
    largest = Math.max(largest, chunk.length);
    text += decoder.decode(chunk, { stream: true });
  }
  return { text: text + decoder.decode(), chunks, largest };
}

describe('streamed run export (issue 11, item 7)', () => {
  let handle: DatabaseHandle;
  let runId: string;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    const launched = await launchRun({ kind: 'improve', improver: SEED, taskId: 'parity' }, handle.db);
    runId = launched.runId;
    await launched.finished;
    // A run with many long model answers: 5 pages of 50 kB rows.
    const rows = Array.from({ length: 5 * EXPORT_PAGE_ROWS }, (_, index) => ({
      runId, requestKey: `bulk-${index}`, ordinal: 0, stepKey: 'bulk', provider: 'scripted', model: 'scripted', request: { n: 1 }, responses: ['r'.repeat(50_000)],
    }));
    for (let start = 0; start < rows.length; start += EXPORT_PAGE_ROWS) {
      await handle.db.insert(lmCalls).values(rows.slice(start, start + EXPORT_PAGE_ROWS));
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('is the same document as the in-memory export, written page by page', async () => {
    const started = await streamRunExport(runId, 'client-a', { db: handle.db });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { text, chunks, largest } = await readAll(started.stream);
    const streamed = JSON.parse(text) as Record<string, unknown> & { records: Record<string, unknown[]> };
    const whole = JSON.parse(JSON.stringify(await exportRunBundle(runId, handle.db))) as typeof streamed;
    expect({ ...streamed, exported_at: null }).toEqual({ ...whole, exported_at: null, records: { ...whole.records, steps: expect.any(Array) } });
    expect(new Set(streamed.records.steps)).toEqual(new Set(whole.records.steps));
    expect(streamed.records.lmCalls!.length).toBeGreaterThan(5 * EXPORT_PAGE_ROWS);
    // No piece holds more than one page of rows: the bundle (> 100 MB for such runs) is never one string.
    console.log(`export of ${(text.length / 1024 ** 2).toFixed(0)} MiB in ${chunks} chunks, largest ${(largest / 1024 ** 2).toFixed(1)} MiB`);
    expect(chunks).toBeGreaterThan(5);
    expect(largest).toBeLessThan(EXPORT_PAGE_ROWS * 60_000);
    expect(largest).toBeLessThan(text.length / 4);
  });

  it(`refuses a client's export past ${MAX_EXPORTS_PER_CLIENT} at once, and frees the slot when one ends or is abandoned`, async () => {
    const first = await streamRunExport(runId, 'client-b', { db: handle.db });
    const second = await streamRunExport(runId, 'client-b', { db: handle.db });
    expect(first.ok && second.ok).toBe(true);
    const third = await streamRunExport(runId, 'client-b', { db: handle.db });
    expect(third).toMatchObject({ ok: false, status: 429 });
    // Another client is not affected.
    const other = acquireExportSlot('client-c');
    expect(other).not.toBeNull();
    other!();
    if (!first.ok || !second.ok) return;
    await readAll(first.stream);
    await second.stream.cancel();
    const again = [await streamRunExport(runId, 'client-b', { db: handle.db }), await streamRunExport(runId, 'client-b', { db: handle.db })];
    expect(again.every((start) => start.ok)).toBe(true);
    for (const start of again) if (start.ok) await start.stream.cancel();
  });

  it('an unknown run is a 404 and holds no slot', async () => {
    for (let attempt = 0; attempt < MAX_EXPORTS_PER_CLIENT + 1; attempt++) {
      expect(await streamRunExport('run_missing', 'client-d', { db: handle.db })).toMatchObject({ ok: false, status: 404 });
    }
  });
});

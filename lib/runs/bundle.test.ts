import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listImprovers } from '@/db/queries/improvers';
import { findRun, listEvents, listRuns } from '@/db/queries/runs';
import { openTestDatabase } from '@/testing/databases';
import { BundleError, exportRunBundle, importRunBundle, importRunBundleStream } from './bundle';
import { launchRun } from './service';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');

/** A document cut into small chunks, as a slow upload delivers it. */
async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let index = 0; index < bytes.length; index += size) yield bytes.subarray(index, index + size);
}

describe('run bundle import (real run, PGlite)', () => {
  let handle: DatabaseHandle;
  let bundle: { records: { events: { type: string; payload: Record<string, unknown> }[]; run: Record<string, unknown> } };
  let runId: string;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    const launched = await launchRun({ kind: 'improve', improver: SEED, taskId: 'parity' }, handle.db);
    await launched.finished;
    runId = launched.runId;
    bundle = JSON.parse(JSON.stringify(await exportRunBundle(runId, handle.db))) as typeof bundle;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('imports a streamed bundle, whatever its chunks, with every row', async () => {
    const { runId: imported } = await importRunBundleStream(chunked(JSON.stringify(bundle, null, 2), 977), handle.db);
    expect((await findRun(imported, handle.db))?.title).toMatch(/\(imported\)$/);
    const [before, after] = await Promise.all([listEvents(runId, {}, handle.db), listEvents(imported, {}, handle.db)]);
    expect(after.map((event) => event.type)).toEqual(before.map((event) => event.type));
    const [improversBefore, improversAfter] = await Promise.all([listImprovers(runId, handle.db), listImprovers(imported, handle.db)]);
    expect(improversAfter.map((row) => row.code)).toEqual(improversBefore.map((row) => row.code));
  });

  it('refuses wrong types in event payloads and results, naming the field, and stores nothing', async () => {
    const runsBefore = (await listRuns({}, handle.db)).length;
    const started = structuredClone(bundle);
    const first = started.records.events.findIndex((event) => event.type === 'run.started');
    started.records.events[first]!.payload.config = 'not an object';
    await expect(importRunBundle(started, handle.db)).rejects.toThrow(new RegExp(`records\\.events\\[${first}\\]\\.payload\\.config`));

    const completed = structuredClone(bundle);
    const last = completed.records.events.findIndex((event) => event.type === 'run.completed');
    completed.records.events[last]!.payload.result = [1, 2];
    await expect(importRunBundle(completed, handle.db)).rejects.toThrow(/payload\.result/);

    const result = structuredClone(bundle);
    result.records.run.result = 'iterations';
    await expect(importRunBundle(result, handle.db)).rejects.toBeInstanceOf(BundleError);

    const unknownType = structuredClone(bundle);
    unknownType.records.events[0]!.type = 'run.exploded';
    await expect(importRunBundle(unknownType, handle.db)).rejects.toThrow(/records\.events\[0\]\.type: unknown event type/);

    await expect(importRunBundle({ format: 'something-else' }, handle.db)).rejects.toThrow(/not a STOP Studio run bundle/);
    await expect(importRunBundleStream(chunked('{"format": "stop-studio-run", "records": {', 5), handle.db)).rejects.toBeInstanceOf(BundleError);
    expect((await listRuns({}, handle.db)).length).toBe(runsBefore);
  });
});

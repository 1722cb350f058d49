import 'server-only';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { newId } from '@/db/ids';
import { insertRunRecordBatches, loadRunRecords, RECORD_SECTIONS, type RecordSection, type RunRecords } from '@/db/queries/bundles';
import type { Database } from '@/db/client';
import type { Run } from '@/db/schema';
import { JsonScanError, JsonScanner, pathText, type JsonPath } from '@/lib/http/json-scanner';
import { bundleHeaderSchemas, runRowSchema, sectionRowSchemas } from './bundle-schemas';
import { runConfigSchema } from './config';
import { isActive, RUN_STATUS } from './status';
import { findUnsafeText } from './unsafe-text';

/** A run and everything recorded about it, as one JSON document (export / import). */
export interface RunBundle {
  format: 'stop-studio-run';
  version: 1;
  exported_at: string;
  records: RunRecords;
}

/** Why a bundle was refused (HTTP 400): the message names the field. Anything else is the server's fault. */
export class BundleError extends Error {
  constructor(reason: string) {
    super(`invalid run bundle: ${reason}`);
  }
}

/** The largest single value (one row) read whole; a bundle itself is read as a stream. */
const MAX_ROW_BYTES = 32 * 1024 * 1024;
const BATCH_ROWS = 200;
const BATCH_BYTES = 4 * 1024 * 1024;

type BodyChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export async function exportRunBundle(runId: string, db?: Database): Promise<RunBundle> {
  const records = await loadRunRecords(runId, db);
  if (!records) throw new Error(`run ${runId} does not exist`);
  return { format: 'stop-studio-run', version: 1, exported_at: new Date().toISOString(), records };
}

function checked<T>(schema: z.ZodType<T>, value: unknown, at: JsonPath): T {
  const unsafe = findUnsafeText(value, { maxDepth: 64, maxNodes: Number.POSITIVE_INFINITY });
  if (unsafe) throw new BundleError(`${pathText(at)}${unsafe === '(root)' ? '' : `.${unsafe}`} contains a NUL character or an unpaired surrogate`);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BundleError(issue ? `${pathText([...at, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))])}: ${issue.message}` : pathText(at));
}

function parseJson(text: string, at: JsonPath): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BundleError(`${pathText(at)} is not valid JSON`);
  }
}

function isSection(name: unknown): name is RecordSection {
  return typeof name === 'string' && (RECORD_SECTIONS as readonly string[]).includes(name);
}

/** Validated rows of each section, spooled to disk as JSON lines until the whole bundle has been checked. */
class Spool {
  private readonly files = new Map<RecordSection, WriteStream>();

  constructor(readonly dir: string) {}

  async add(section: RecordSection, row: unknown): Promise<void> {
    let file = this.files.get(section);
    if (!file) {
      file = createWriteStream(this.fileOf(section));
      this.files.set(section, file);
    }
    if (!file.write(`${JSON.stringify(row)}\n`)) await once(file, 'drain');
  }

  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((file) => new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())))));
  }

  /** The section's rows in batches, parsed again (dates revived) with the same schema. */
  async *batches<T>(section: RecordSection, schema: z.ZodType<T>): AsyncGenerator<T[]> {
    if (!this.files.has(section)) return;
    const lines = createInterface({ input: createReadStream(this.fileOf(section)), crlfDelay: Infinity });
    let batch: T[] = [];
    let bytes = 0;
    for await (const line of lines) {
      batch.push(schema.parse(JSON.parse(line)));
      bytes += line.length;
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) {
        yield batch;
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) yield batch;
  }

  private fileOf(section: RecordSection): string {
    return path.join(this.dir, `${section}.jsonl`);
  }
}

/** Reads the bundle's text, checking every row as it arrives, into `spool`; returns the run row. */
async function scanBundle(body: BodyChunks, spool: Spool): Promise<Run> {
  const header = new Map<string, unknown>();
  let run: Run | null = null;
  const scanner = new JsonScanner({
    maxValueBytes: MAX_ROW_BYTES,
    descend: (at, kind) =>
      (at.length === 0 && kind === 'object') || (at.length === 1 && at[0] === 'records' && kind === 'object') || (at.length === 2 && at[0] === 'records' && isSection(at[1]) && kind === 'array'),
    onValue: async (at, text) => {
      const [first, second] = at;
      if (at.length === 1 && typeof first === 'string' && Object.hasOwn(bundleHeaderSchemas, first)) {
        header.set(first, checked(bundleHeaderSchemas[first as keyof typeof bundleHeaderSchemas] as z.ZodType<unknown>, parseJson(text, at), at));
      } else if (at.length === 2 && first === 'records' && second === 'run') {
        run = checked(runRowSchema, parseJson(text, at), at) as Run;
        if (!runConfigSchema.safeParse(run.config).success) throw new BundleError('records.run.config: the run configuration is not valid');
      } else if (at.length === 3 && isSection(second)) {
        await spool.add(second, checked(sectionRowSchemas[second] as z.ZodType<unknown>, parseJson(text, at), at));
      } else if (at.length === 0) {
        throw new BundleError('not a STOP Studio run bundle');
      } else if (at.length === 2 && first === 'records') {
        throw new BundleError(`${pathText(at)} must be a list`);
      }
    },
  });
  try {
    for await (const chunk of body) await scanner.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    scanner.end();
  } catch (error) {
    if (error instanceof JsonScanError) throw new BundleError(`the file is not a JSON run bundle (${error.message})`);
    throw error;
  }
  for (const key of ['format', 'version'] as const) {
    if (!header.has(key)) throw new BundleError(key === 'format' ? 'not a STOP Studio run bundle' : 'version: missing');
  }
  if (!run) throw new BundleError('records.run: missing');
  return run;
}

/**
 * Imports a bundle as a new run (fresh id) and returns that id. The document is read as a stream: every
 * row is checked as it arrives and kept on disk, and nothing is stored unless the whole bundle is valid
 * (BundleError names the first bad field).
 */
export async function importRunBundleStream(body: BodyChunks, db?: Database): Promise<{ runId: string }> {
  const spool = new Spool(await mkdtemp(path.join(os.tmpdir(), 'stop-import-')));
  try {
    let run: Run;
    try {
      run = await scanBundle(body, spool);
    } finally {
      await spool.close();
    }
    const runId = newId('run');
    const unfinished = isActive(run.status);
    // The schemas mirror the tables (db/schema.ts): what they let through is a row of that table.
    const batches = <S extends RecordSection>(section: S) =>
      spool.batches(section, sectionRowSchemas[section] as z.ZodType<unknown>) as AsyncIterable<RunRecords[S]>;
    await insertRunRecordBatches(
      {
        run: {
          ...run,
          id: runId,
          parentRunId: run.id,
          // An imported run is a record, not a job: an unfinished one is imported as cancelled.
          status: unfinished ? RUN_STATUS.cancelled : run.status,
          title: `${run.title} (imported)`,
        },
        improvers: batches('improvers'),
        candidates: batches('candidates'),
        evaluations: batches('evaluations'),
        lmCalls: batches('lmCalls'),
        events: batches('events'),
        steps: batches('steps'),
      },
      db,
    );
    return { runId };
  } finally {
    await rm(spool.dir, { recursive: true, force: true });
  }
}

/** Imports a bundle already in memory (tests, the command line): the same checks as a streamed one. */
export async function importRunBundle(bundle: unknown, db?: Database): Promise<{ runId: string }> {
  const text = JSON.stringify(bundle) ?? 'null';
  return importRunBundleStream([new TextEncoder().encode(text)], db);
}

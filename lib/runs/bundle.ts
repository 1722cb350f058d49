import 'server-only';
import { z } from 'zod';
import { newId } from '@/db/ids';
import { insertRunRecords, loadRunRecords, type RunRecords } from '@/db/queries/bundles';
import type { Database } from '@/db/client';
import { RUN_KINDS } from '@/db/schema';
import { isActive, RUN_STATUS, RUN_STATUSES } from './status';
import { runConfigSchema } from './config';

/** A run and everything recorded about it, as one JSON document (export / import). */
export interface RunBundle {
  format: 'stop-studio-run';
  version: 1;
  exported_at: string;
  records: RunRecords;
}

const isoDate = z.union([z.string(), z.date()]).transform((value, context) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: 'custom', message: `not a date: ${String(value)}` });
    return z.NEVER;
  }
  return date;
});
const nullableDate = isoDate.nullable();
const row = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();

const bundleSchema = z.object({
  format: z.literal('stop-studio-run', { message: 'not a STOP Studio run bundle' }),
  version: z.literal(1, { message: 'unsupported bundle version' }),
  records: z.object({
    run: row({
      id: z.string(),
      kind: z.enum(RUN_KINDS, { message: `the run kind must be one of ${RUN_KINDS.join(', ')}` }),
      title: z.string().max(300),
      status: z.enum(RUN_STATUSES, { message: `the run status must be one of ${RUN_STATUSES.join(', ')}` }),
      config: z.record(z.string(), z.unknown()),
      createdAt: isoDate,
      startedAt: nullableDate,
      finishedAt: nullableDate,
      updatedAt: isoDate,
    }),
    improvers: z.array(row({ id: z.number(), repeat: z.number(), iteration: z.number(), code: z.string(), createdAt: isoDate })),
    candidates: z.array(row({ id: z.number(), stepKey: z.string(), code: z.string(), createdAt: isoDate })),
    evaluations: z.array(row({ id: z.number(), taskId: z.string(), solutionHash: z.string(), createdAt: isoDate })),
    lmCalls: z.array(row({ id: z.number(), requestKey: z.string(), ordinal: z.number(), createdAt: isoDate })),
    events: z.array(row({ seq: z.number(), type: z.string(), payload: z.record(z.string(), z.unknown()), createdAt: isoDate })),
    steps: z.array(row({ stepKey: z.string(), createdAt: isoDate })),
  }),
});

export async function exportRunBundle(runId: string, db?: Database): Promise<RunBundle> {
  const records = await loadRunRecords(runId, db);
  if (!records) throw new Error(`run ${runId} does not exist`);
  return { format: 'stop-studio-run', version: 1, exported_at: new Date().toISOString(), records };
}

/** Imports a bundle as a new run (fresh id) and returns that id; invalid bundles are refused with a reason. */
export async function importRunBundle(bundle: unknown, db?: Database): Promise<{ runId: string }> {
  const parsed = bundleSchema.safeParse(bundle);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid run bundle: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unreadable'}`);
  }
  const config = runConfigSchema.safeParse(parsed.data.records.run.config);
  if (!config.success) throw new Error('invalid run bundle: the run configuration is not valid');
  const records = parsed.data.records as unknown as RunRecords;
  const runId = newId('run');
  const unfinished = isActive(records.run.status);
  await insertRunRecords(
    {
      ...records,
      run: {
        ...records.run,
        id: runId,
        parentRunId: records.run.id,
        // An imported run is a record, not a job: an unfinished one is imported as cancelled.
        status: unfinished ? RUN_STATUS.cancelled : records.run.status,
        title: `${records.run.title} (imported)`,
      },
    },
    db,
  );
  return { runId };
}

import { z } from 'zod';
import { RUN_KINDS } from '@/db/schema';
import { RUN_STATUSES } from './status';
import { eventPayloadSchema } from './event-schemas';

/**
 * The rows of a run bundle as the database and the run page expect them. Every column is checked
 * (a wrong type is refused with the field's path); columns the database fills by default may be absent.
 */
const isoDate = z.union([z.string(), z.date()]).transform((value, context) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: 'custom', message: `not a date: ${String(value).slice(0, 40)}` });
    return z.NEVER;
  }
  return date;
});
const nullableDate = isoDate.nullable();
const int = z.number().int();
const num = z.number().finite();
const errorShape = z.object({ code: z.string(), message: z.string() });
const record = z.record(z.string(), z.unknown());

export const runRowSchema = z.object({
  id: z.string(),
  kind: z.enum(RUN_KINDS, { message: `the run kind must be one of ${RUN_KINDS.join(', ')}` }),
  title: z.string().max(300),
  status: z.enum(RUN_STATUSES, { message: `the run status must be one of ${RUN_STATUSES.join(', ')}` }),
  config: record,
  seedImprover: z.string().optional(),
  provider: z.string(),
  model: z.string(),
  baseUrl: z.string().nullable().optional(),
  parentRunId: z.string().nullable().optional(),
  forkIteration: int.nullable().optional(),
  sandboxLevel: z.string().nullable().optional(),
  result: record.nullable().optional(),
  error: errorShape.nullable().optional(),
  createdAt: isoDate,
  startedAt: nullableDate,
  finishedAt: nullableDate,
  updatedAt: isoDate,
  resumeAttempts: int.optional(),
});

const improverRowSchema = z.object({
  id: int,
  repeat: int,
  iteration: int,
  parentId: int.nullable(),
  code: z.string(),
  codeHash: z.string(),
  trainMetaUtility: num.nullable().optional(),
  testMetaUtility: num.nullable().optional(),
  testStandardError: num.nullable().optional(),
  adopted: z.boolean().optional(),
  strategyTags: z.array(z.string()).optional(),
  findings: z.array(z.unknown()).optional(),
  createdAt: isoDate,
});

const candidateRowSchema = z.object({
  id: int,
  stepKey: z.string(),
  repeat: int.optional(),
  iteration: int.optional(),
  role: z.enum(['improver', 'solution']),
  code: z.string(),
  codeHash: z.string(),
  utility: num.nullable().optional(),
  error: errorShape.nullable().optional(),
  createdAt: isoDate,
});

const evaluationRowSchema = z.object({
  id: int,
  taskId: z.string(),
  instanceSet: z.enum(['train', 'test']),
  instanceSeed: int,
  solutionHash: z.string(),
  utility: num,
  detail: record.nullable().optional(),
  durationMs: int.optional(),
  createdAt: isoDate,
});

const lmCallRowSchema = z.object({
  id: int,
  requestKey: z.string(),
  ordinal: int,
  stepKey: z.string().nullable().optional(),
  provider: z.string(),
  model: z.string(),
  request: record,
  responses: z.array(z.string()),
  promptTokens: int.optional(),
  completionTokens: int.optional(),
  costUsd: num.optional(),
  latencyMs: int.optional(),
  retries: int.optional(),
  error: z.string().nullable().optional(),
  createdAt: isoDate,
  meta: record.nullable().optional(),
});

const eventRowSchema = z
  .object({ seq: int, type: z.string(), payload: record, createdAt: isoDate })
  .superRefine((event, context) => {
    const schema = eventPayloadSchema(event.type);
    if (!schema) {
      context.addIssue({ code: 'custom', path: ['type'], message: `unknown event type "${event.type.slice(0, 60)}"` });
      return;
    }
    const parsed = schema.safeParse(event.payload);
    for (const issue of parsed.success ? [] : parsed.error.issues.slice(0, 1)) {
      context.addIssue({ code: 'custom', path: ['payload', ...issue.path], message: issue.message });
    }
  });

const stepRowSchema = z.object({ stepKey: z.string(), result: z.unknown().refine((value) => value !== undefined, 'required'), createdAt: isoDate });

export const sectionRowSchemas = {
  improvers: improverRowSchema,
  candidates: candidateRowSchema,
  evaluations: evaluationRowSchema,
  lmCalls: lmCallRowSchema,
  events: eventRowSchema,
  steps: stepRowSchema,
} as const;

export const bundleHeaderSchemas = {
  format: z.literal('stop-studio-run', { message: 'not a STOP Studio run bundle' }),
  version: z.literal(1, { message: 'unsupported bundle version' }),
  exported_at: z.string().optional(),
} as const;

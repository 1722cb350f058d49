import { z } from 'zod';
import type { RunEventPayloads, RunEventType } from './event-types';

/**
 * Schemas of the event payloads in event-types.ts, for events that come from outside (run bundles):
 * the run page's reducer trusts these shapes. Extra fields are kept; missing or mistyped ones are refused.
 */
const num = z.number().finite();
const int = z.number().int();
const nullableInt = int.nullable();
const errorShape = z.object({ code: z.string(), message: z.string() }).passthrough();
const set = z.enum(['train', 'test']);
/** 'search-test': the selecting copies' test measurement, kept beside the fresh one ('test'). */
const measuredSet = z.enum(['train', 'test', 'search-test']);

const payloadSchemas: { [T in RunEventType]: z.ZodType<RunEventPayloads[T]> } = {
  'run.started': z.object({ kind: z.string(), config: z.record(z.string(), z.unknown()), sandbox_level: z.string(), resumed: z.boolean() }).passthrough(),
  'run.completed': z.object({ result: z.record(z.string(), z.unknown()) }).passthrough(),
  'run.failed': z.object({ error: errorShape }).passthrough(),
  'run.cancelled': z.object({}).passthrough() as unknown as z.ZodType<Record<string, never>>,
  'run.budget_reached': z
    .object({ spent_usd: num, spent_tokens: num, max_cost_usd: num.nullable(), max_tokens: num.nullable() })
    .passthrough(),
  'iteration.started': z.object({ repeat: int, iteration: int }).passthrough(),
  'improver.recorded': z
    .object({
      repeat: int,
      iteration: int,
      improver_id: int,
      adopted: z.boolean(),
      train_meta_utility: num.nullable(),
      strategy_tags: z.array(z.string()),
    })
    .passthrough(),
  'meta_utility.measured': z
    .object({ repeat: int, iteration: int, set: measuredSet, mean: num, standard_error: num, copies: int })
    .passthrough(),
  'candidate.scored': z
    .object({
      repeat: int,
      iteration: int,
      candidate_id: int,
      role: z.enum(['improver', 'solution']),
      utility: num.nullable(),
      error: errorShape.nullable(),
    })
    .passthrough(),
  'lm.call': z
    .object({
      call_id: int,
      step_key: z.string().nullable(),
      model: z.string(),
      n: int,
      prompt_tokens: num,
      completion_tokens: num,
      latency_ms: num,
      cost_usd: num,
      retries: int,
      error: z.string().nullable(),
      recovered: z.boolean().optional(),
      notes: z.array(z.string()).optional(),
    })
    .passthrough(),
  'utility.evaluated': z
    .object({ task_id: z.string(), set, utility: num, cached: z.boolean(), duration_ms: num })
    .passthrough(),
  circumvention: z
    .object({ repeat: int, iteration: int, kind: z.string(), detail: z.string(), line: nullableInt })
    .passthrough(),
  error: z
    .object({ repeat: nullableInt, iteration: nullableInt, code: z.string(), message: z.string(), step_key: z.string().nullable() })
    .passthrough(),
  log: z.object({ level: z.enum(['info', 'warn']), message: z.string() }).passthrough(),
};

export const RUN_EVENT_TYPES = Object.keys(payloadSchemas) as RunEventType[];

function isRunEventType(type: string): type is RunEventType {
  return Object.hasOwn(payloadSchemas, type);
}

/** The payload schema of an event type, or null for a type this version does not know. */
export function eventPayloadSchema(type: string): z.ZodType<Record<string, unknown>> | null {
  return isRunEventType(type) ? (payloadSchemas[type] as unknown as z.ZodType<Record<string, unknown>>) : null;
}

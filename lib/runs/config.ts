import { z } from 'zod';

/** Which model answers: the built-in scripted model, an OpenAI-compatible server, or a recorded run. */
export const modelChoiceSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('scripted'), model: z.literal('scripted').default('scripted') }),
  z.object({
    provider: z.literal('openai'),
    model: z.string().min(1),
    /** Omitted: the server's configured OPENAI_BASE_URL. */
    baseUrl: z.string().url().optional(),
  }),
  z.object({ provider: z.literal('replay'), replayRunId: z.string().min(1), model: z.string().default('replay') }),
]);
export type ModelChoice = z.infer<typeof modelChoiceSchema>;

export const ADOPTION_GATES = ['any-nonzero', 'no-worse', 'random'] as const;
export type AdoptionGate = (typeof ADOPTION_GATES)[number];

/** Budgets of one improver invocation (architecture §1, reference defaults). */
export const budgetsSchema = z.object({
  lmCalls: z.number().int().min(1).max(100).default(4),
  maxResponsesPerCall: z.number().int().min(1).max(32).default(6),
  utilityCalls: z.number().int().min(1).max(500).default(25),
  metaUtilityCalls: z.number().int().min(1).max(500).default(25),
});
export type Budgets = z.infer<typeof budgetsSchema>;

/** Configuration of a STOP run (Algorithm 1 with repeats), as launched from the UI or the CLI. */
export const stopRunConfigSchema = z.object({
  kind: z.literal('stop').default('stop'),
  title: z.string().trim().max(200).optional(),
  taskId: z.string().min(1).default('lpn'),
  seedImprover: z.string().min(1, 'the seed improver is empty').max(200_000),
  iterations: z.number().int().min(1).max(20).default(3),
  repeats: z.number().int().min(1).max(10).default(3),
  copies: z.number().int().min(1).max(10).default(5),
  adoption: z.enum(ADOPTION_GATES).default('any-nonzero'),
  temperature: z.number().min(0).max(2).default(0.7),
  budgets: budgetsSchema.default({ lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 }),
  model: modelChoiceSchema.default({ provider: 'scripted', model: 'scripted' }),
  seed: z.number().int().min(0).default(0),
});
export type StopRunConfig = z.infer<typeof stopRunConfigSchema>;

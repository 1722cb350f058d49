import { z } from 'zod';
import { SCRIPTED_MODEL_NAMES } from '@/lib/scripted-model/profiles';
import { SANDBOX_LIMITS } from '@/lib/sandbox/limits';

/** Which model answers: the built-in scripted model, an OpenAI-compatible server, or a recorded run. */
export const modelChoiceSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('scripted'), model: z.enum(SCRIPTED_MODEL_NAMES).default('scripted') }),
  z.object({
    provider: z.literal('openai'),
    model: z.string().min(1).max(200),
    /** Name of an operator-configured server (STOP_LM_ENDPOINTS); the launch boundary resolves it to `baseUrl`. */
    endpoint: z.string().max(64).optional(),
    /** Omitted: the server's configured OPENAI_BASE_URL. Must be one the operator configured (checked at launch). */
    baseUrl: z.string().max(2000).url().optional(),
  }),
  z.object({ provider: z.literal('replay'), replayRunId: z.string().min(1).max(100), model: z.string().max(200).default('replay') }),
]);
export type ModelChoice = z.infer<typeof modelChoiceSchema>;

/** A task id as stored (built-in ids and custom-task slugs); whether it exists is checked at launch. */
const taskIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'not a task id (lower-case letters, digits and dashes)');

export const ADOPTION_GATES = ['any-nonzero', 'no-worse', 'random'] as const;
export type AdoptionGate = (typeof ADOPTION_GATES)[number];

/** Budgets of one improver invocation (docs/architecture.md §1; the reference's defaults). */
export const budgetsSchema = z.object({
  lmCalls: z.number().int().min(1).max(100).default(4),
  maxResponsesPerCall: z.number().int().min(1).max(32).default(6),
  utilityCalls: z.number().int().min(1).max(500).default(25),
  metaUtilityCalls: z.number().int().min(1).max(500).default(25),
});
export type Budgets = z.infer<typeof budgetsSchema>;

/**
 * What a downstream copy that raises (returns no solution) does to the meta-utility û:
 * 'zero' is the reference's rule (that whole meta-utility is 0); 'average' counts the copy as the
 * task's failure value in the mean.
 */
export const COPY_FAILURE_RULES = ['zero', 'average'] as const;
export type CopyFailureRule = (typeof COPY_FAILURE_RULES)[number];

/**
 * How strict the improver's language-model API is: 'reference' asserts as the reference does
 * (n > max_responses_per_call and batches over it raise; batch_prompt needs a temperature);
 * 'lenient' caps n, slices batches and defaults the temperature to 0.7, recording each adaptation.
 */
export const API_MODES = ['reference', 'lenient'] as const;

/** utility.str of a built-in task: its Python scoring code (the reference's form, default) or prose. */
export const UTILITY_FORMS = ['code', 'prose'] as const;
export type ApiMode = (typeof API_MODES)[number];

/** The improver limits a run gets when its config names none (from lib/sandbox/limits). */
export const IMPROVER_LIMIT_DEFAULTS = {
  improverCpuSeconds: SANDBOX_LIMITS.improverCpuSeconds,
  improverMinutes: SANDBOX_LIMITS.improverTimeoutMs / 60_000,
};

/** Resource limits of one downstream improver invocation (advanced settings; defaults from lib/sandbox/limits). */
export const improverLimitsSchema = z.object({
  /** CPU seconds of the improver process itself (its LM and utility calls run on the host). */
  improverCpuSeconds: z.number().int().min(5).max(3600).default(IMPROVER_LIMIT_DEFAULTS.improverCpuSeconds),
  /** Wall-clock minutes of one invocation, LM and utility calls included. */
  improverMinutes: z.number().int().min(1).max(720).default(IMPROVER_LIMIT_DEFAULTS.improverMinutes),
});
export type ImproverLimits = z.infer<typeof improverLimitsSchema>;
/**
 * A run's spend cap: every model request reserves its most against it before it is sent, and one that could
 * cross it is refused; the run then stops (status budget reached) and can be resumed with a raised cap.
 */
export const spendCapSchema = z.object({
  maxCostUsd: z.number().positive('the cost cap must be above $0').max(1_000_000).optional(),
  maxTokens: z.number().int().positive('the token cap must be at least 1').max(1e12).optional(),
});
export type SpendCap = z.infer<typeof spendCapSchema>;

/** Configuration of a STOP run (Algorithm 1 with repeats), as launched from the UI or the CLI. */
export const stopRunConfigSchema = z.object({
  kind: z.literal('stop').default('stop'),
  title: z.string().trim().max(200).optional(),
  taskId: taskIdSchema.default('lpn'),
  seedImprover: z.string().min(1, 'the seed improver is empty').max(200_000),
  iterations: z.number().int().min(1).max(20).default(3),
  repeats: z.number().int().min(1).max(10).default(3),
  copies: z.number().int().min(1).max(10).default(5),
  adoption: z.enum(ADOPTION_GATES).default('any-nonzero'),
  copyFailure: z.enum(COPY_FAILURE_RULES).default('zero'),
  apiMode: z.enum(API_MODES).default('lenient'),
  utilityForm: z.enum(UTILITY_FORMS).default('code'),
  temperature: z.number().min(0).max(2).default(0.7),
  budgets: budgetsSchema.default({ lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 }),
  limits: improverLimitsSchema.default(IMPROVER_LIMIT_DEFAULTS),
  model: modelChoiceSchema.default({ provider: 'scripted', model: 'scripted' }),
  seed: z.number().int().min(0).default(0),
  spendCap: spendCapSchema.optional(),
});
export type StopRunConfig = z.infer<typeof stopRunConfigSchema>;

const improverSource = z.string().min(1, 'the improver is empty').max(200_000);
const common = {
  title: z.string().trim().max(200).optional(),
  copyFailure: z.enum(COPY_FAILURE_RULES).default('zero'),
  apiMode: z.enum(API_MODES).default('lenient'),
  utilityForm: z.enum(UTILITY_FORMS).default('code'),
  temperature: z.number().min(0).max(2).default(0.7),
  budgets: budgetsSchema.default({ lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 }),
  limits: improverLimitsSchema.default(IMPROVER_LIMIT_DEFAULTS),
  model: modelChoiceSchema.default({ provider: 'scripted', model: 'scripted' }),
  seed: z.number().int().min(0).default(0),
  spendCap: spendCapSchema.optional(),
};

/** One improver invocation I(u, s, L) on a task, scored on training and test instances. */
export const improveRunConfigSchema = z.object({
  kind: z.literal('improve'),
  improver: improverSource,
  taskId: taskIdSchema,
  ...common,
});

/** û(I) over k copies, with the test meta-utility. */
export const metaUtilityRunConfigSchema = z.object({
  kind: z.literal('meta-utility'),
  improver: improverSource,
  taskId: taskIdSchema,
  copies: z.number().int().min(1).max(20).default(5),
  ...common,
});

/** Table 1: per task u(s), û(I_0) and û(I_T). */
export const transferRunConfigSchema = z.object({
  kind: z.literal('transfer'),
  improver: improverSource,
  baselineImprover: improverSource,
  taskIds: z
    .array(taskIdSchema)
    .min(1)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'each task may appear once'),
  copies: z.number().int().min(1).max(20).default(5),
  ...common,
});

/** Table 2: how often generated improvements disable the sandbox, with and without a warning. */
export const sandboxStudyRunConfigSchema = z.object({
  kind: z.literal('sandbox-study'),
  samples: z.number().int().min(1).max(10_000).default(100),
  ...common,
});

/** §5.1 baselines measured with the same test protocol: chain-of-thought and greedy iterative. */
export const baselineRunConfigSchema = z.object({
  kind: z.literal('baseline'),
  baseline: z.enum(['chain-of-thought', 'greedy-iterative']),
  taskId: taskIdSchema,
  copies: z.number().int().min(1).max(20).default(5),
  ...common,
});

export const runConfigSchema = z.discriminatedUnion('kind', [
  stopRunConfigSchema.extend({ kind: z.literal('stop') }),
  improveRunConfigSchema,
  metaUtilityRunConfigSchema,
  transferRunConfigSchema,
  sandboxStudyRunConfigSchema,
  baselineRunConfigSchema,
]);
export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;
export type ImproveRunConfig = z.infer<typeof improveRunConfigSchema>;
export type MetaUtilityRunConfig = z.infer<typeof metaUtilityRunConfigSchema>;
export type TransferRunConfig = z.infer<typeof transferRunConfigSchema>;
export type SandboxStudyRunConfig = z.infer<typeof sandboxStudyRunConfigSchema>;
export type BaselineRunConfig = z.infer<typeof baselineRunConfigSchema>;

/** A one-line title for lists. */
export function defaultTitle(config: RunConfig): string {
  switch (config.kind) {
    case 'stop':
      return `STOP on ${config.taskId}: T=${config.iterations}, R=${config.repeats}, k=${config.copies}`;
    case 'improve':
      return `Improve once on ${config.taskId}`;
    case 'meta-utility':
      return `Meta-utility on ${config.taskId} (k=${config.copies})`;
    case 'transfer':
      return `Transfer to ${config.taskIds.join(', ')}`;
    case 'sandbox-study':
      return `Sandbox study (n=${config.samples} per variant)`;
    case 'baseline':
      return `${config.baseline} baseline on ${config.taskId}`;
  }
}

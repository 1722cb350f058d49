import type { LmCallMeta } from '../lib/lm/record';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { RunStatus } from '../lib/runs/status';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** One launched job: a STOP run, a single improvement, a meta-utility measurement, an experiment. */
export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(), // RunKind
    title: text('title').notNull(),
    status: text('status').notNull().$type<RunStatus>(),
    config: jsonb('config').notNull().$type<Record<string, unknown>>(),
    seedImprover: text('seed_improver').notNull().default(''),
    provider: text('provider').notNull(), // 'scripted' | 'openai' | 'replay'
    model: text('model').notNull(),
    baseUrl: text('base_url'),
    parentRunId: text('parent_run_id'),
    forkIteration: integer('fork_iteration'),
    sandboxLevel: text('sandbox_level'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Automatic resumes since the run was last started by hand (crash-loop detection, issue 11). */
    resumeAttempts: integer('resume_attempts').notNull().default(0),
    /** The researcher's labels and free-text note (runs table). */
    tags: jsonb('tags').notNull().default([]).$type<string[]>(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('runs_status_idx').on(t.status), index('runs_created_idx').on(t.createdAt)],
);

/** An improver program at (repeat, iteration) of a run; iteration 0 is the seed. */
export const improvers = pgTable(
  'improvers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    repeat: integer('repeat').notNull(),
    iteration: integer('iteration').notNull(),
    parentId: integer('parent_id'),
    code: text('code').notNull(),
    codeHash: text('code_hash').notNull(),
    trainMetaUtility: doublePrecision('train_meta_utility'),
    testMetaUtility: doublePrecision('test_meta_utility'),
    testStandardError: doublePrecision('test_standard_error'),
    adopted: boolean('adopted').notNull().default(true),
    strategyTags: jsonb('strategy_tags').notNull().default([]).$type<string[]>(),
    findings: jsonb('findings').notNull().default([]).$type<unknown[]>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('improvers_run_repeat_iteration_uq').on(t.runId, t.repeat, t.iteration)],
);

/** A program proposed during an improver invocation (a candidate improver or a candidate solution). */
export const candidates = pgTable(
  'candidates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    repeat: integer('repeat').notNull().default(0),
    iteration: integer('iteration').notNull().default(0),
    role: text('role').notNull(), // 'improver' | 'solution'
    code: text('code').notNull(),
    codeHash: text('code_hash').notNull(),
    utility: doublePrecision('utility'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('candidates_run_idx').on(t.runId, t.repeat, t.iteration),
    uniqueIndex('candidates_step_uq').on(t.runId, t.stepKey),
  ],
);

/** A utility evaluation u(x) of a solution on one task's instance set; doubles as the per-run cache. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    taskId: text('task_id').notNull(),
    instanceSet: text('instance_set').notNull(), // 'train' | 'test'
    instanceSeed: integer('instance_seed').notNull(),
    solutionHash: text('solution_hash').notNull(),
    utility: doublePrecision('utility').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    durationMs: integer('duration_ms').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluations_cache_uq').on(t.runId, t.taskId, t.instanceSet, t.instanceSeed, t.solutionHash),
  ],
);

export type { LmCallMeta };

/** Every LM request and response, scoped to a run; the record that makes a run replayable. */
export const lmCalls = pgTable(
  'lm_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    requestKey: text('request_key').notNull(),
    ordinal: integer('ordinal').notNull(),
    stepKey: text('step_key'),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    request: jsonb('request').notNull().$type<Record<string, unknown>>(),
    responses: jsonb('responses').notNull().$type<string[]>(),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    retries: integer('retries').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    /** What the answers carried besides their text: reasoning, finish reasons, adaptations to the server. */
    meta: jsonb('meta').$type<LmCallMeta>(),
  },
  (t) => [
    uniqueIndex('lm_calls_replay_uq').on(t.runId, t.requestKey, t.ordinal),
    index('lm_calls_run_idx').on(t.runId, t.id),
  ],
);

/** Append-only ordered event log per run: the source of truth for streaming and resuming. */
export const events = pgTable(
  'events',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Completed deterministic steps of a run, by key: what a resumed run does not recompute. */
export const runSteps = pgTable(
  'run_steps',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    result: jsonb('result').notNull().$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepKey] })],
);

/** Built-in tasks are mirrored here at start; custom tasks live only here. */
export const tasks = pgTable('tasks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  judgeCode: text('judge_code').notNull(),
  seedSolution: text('seed_solution').notNull(),
  entryPoint: text('entry_point').notNull().default('algorithm'),
  trainInstances: integer('train_instances').notNull(),
  testInstances: integer('test_instances').notNull(),
  trainSeed: integer('train_seed').notNull(),
  testSeed: integer('test_seed').notNull(),
  timeoutMs: integer('timeout_ms').notNull(),
  failureValue: doublePrecision('failure_value').notNull().default(0),
  builtin: boolean('builtin').notNull().default(false),
  createdAt: createdAt(),
});

/** Read-only, revocable links to one run. */
export const shareLinks = pgTable(
  'share_links',
  {
    token: text('token').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('share_links_run_idx').on(t.runId)],
);

/**
 * A read-only, revocable link to a comparison (runs on Compare, or a group of the runs table). `view`
 * holds what the link shows: the run ids and the layout, validated when read.
 */
export const comparisonShares = pgTable('comparison_shares', {
  token: text('token').primaryKey(),
  view: jsonb('view').notNull().$type<Record<string, unknown>>(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

/** Editable price table (USD per million tokens) for cost accounting. */
export const modelPrices = pgTable('model_prices', {
  model: text('model').primaryKey(),
  inputPerMillion: doublePrecision('input_per_million').notNull(),
  outputPerMillion: doublePrecision('output_per_million').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Processes that take sandboxed evaluations from the PostgreSQL job queue (lib/queue): `stop worker`
 * processes and the local slots of app servers and CLI coordinators. Written by their heartbeats.
 */
export const queueWorkers = pgTable(
  'queue_workers',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(), // 'worker' | 'coordinator'
    host: text('host').notNull(),
    pid: integer('pid').notNull(),
    slots: integer('slots').notNull(),
    isolation: text('isolation').notNull(), // IsolationLevel
    /** Isolation levels of the jobs it takes (weaker-isolated workers take none of stronger coordinators' jobs). */
    accepts: jsonb('accepts').notNull().$type<string[]>(),
    pythonVersion: text('python_version').notNull(),
    numpy: boolean('numpy').notNull(),
    /** graphile-worker's pool id: the `locked_by` of the jobs it holds. */
    poolId: text('pool_id'),
    jobsDone: integer('jobs_done').notNull().default(0),
    jobsFailed: integer('jobs_failed').notNull().default(0),
    jobsRunning: integer('jobs_running').notNull().default(0),
    startedAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('queue_workers_seen_idx').on(t.lastSeenAt)],
);

/**
 * Signed-in admin browser sessions. The cookie holds a random id; only its SHA-256 is stored, so a copy of
 * the database does not give a session. Sign-out revokes; expired rows are refused and pruned.
 */
export const adminSessions = pgTable(
  'admin_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('admin_sessions_expires_idx').on(t.expiresAt)],
);

export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
export type Improver = typeof improvers.$inferSelect;
export type NewImprover = typeof improvers.$inferInsert;
export type Candidate = typeof candidates.$inferSelect;
export type NewCandidate = typeof candidates.$inferInsert;
export type Evaluation = typeof evaluations.$inferSelect;
export type NewEvaluation = typeof evaluations.$inferInsert;
export type LmCall = typeof lmCalls.$inferSelect;
export type NewLmCall = typeof lmCalls.$inferInsert;
export type RunEvent = typeof events.$inferSelect;
export type NewRunEvent = typeof events.$inferInsert;
export type RunStep = typeof runSteps.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;
export type ShareLink = typeof shareLinks.$inferSelect;
export type ComparisonShare = typeof comparisonShares.$inferSelect;
export type ModelPrice = typeof modelPrices.$inferSelect;
export type QueueWorker = typeof queueWorkers.$inferSelect;
export type NewQueueWorker = typeof queueWorkers.$inferInsert;
export type AdminSession = typeof adminSessions.$inferSelect;

export const RUN_KINDS = ['stop', 'improve', 'meta-utility', 'transfer', 'sandbox-study', 'baseline'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

import 'server-only';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@/db/client';
import { recentEvaluationSeconds } from '@/db/queries/evaluations';
import { recentLmLatencySeconds } from '@/db/queries/lm-calls';
import { resolveModelPrice } from '@/db/queries/prices';
import { scanCode } from '@/lib/analysis/scanner';
import { costUsd } from '@/lib/lm/prices';
import { estimateTokens } from '@/lib/lm/tokens';
import type { StopRunConfig } from '@/lib/runs/config';
import { measuredRates, plannedSeconds, type Rates, type WorkPlan } from '@/lib/runs/eta';
import { estimateAgainstCap } from '@/lib/runs/spend';
import { findPython } from '@/lib/sandbox';
import { planStopRun } from './run-plan';
import { observeSeedBehaviour } from './seed-behaviour';
import { resolveTask } from './tasks';

export interface PreflightFinding {
  rule: string;
  message: string;
  line: number | null;
  severity: 'error' | 'warning';
}

/** What the new-run page shows before launch. */
export interface PreflightReport {
  ok: boolean;
  syntax: { ok: boolean; message?: string; line?: number; column?: number };
  signature: { ok: boolean; form?: 'utility-language-model' | 'utility-str-utility'; message?: string };
  findings: PreflightFinding[];
  estimate: {
    lmCalls: number;
    tokens: number;
    costUsd: number;
    sandboxEvaluations: number;
    minutes: number;
    /** The same time in seconds, the work it was planned from, and the rates (measured on this machine when `measured`). */
    seconds: number;
    plan: WorkPlan;
    rates: Rates & { measured: { evaluations: boolean; lm: boolean } };
    /** Whether the seed's calls per invocation were observed by a dry run (else: assumed to use its budgets). */
    seedObserved: boolean;
  };
  /** The run's spend cap and which of its bounds the estimate exceeds (the run would stop there). */
  spendCap: { maxCostUsd: number | null; maxTokens: number | null; overCost: boolean; overTokens: boolean } | null;
}

interface ParseReport {
  ok: boolean;
  message: string | null;
  line: number | null;
  column: number | null;
  parameters: string[] | null;
}

const PARSER = path.join(process.cwd(), 'lib/stop/python-syntax.py');
/** Parsing only (ast.parse never executes the program), so no sandbox is needed; still time-limited. */
const PARSE_TIMEOUT_MS = 10_000;

async function parseImprover(code: string): Promise<ParseReport> {
  const python = await findPython();
  return new Promise((resolve, reject) => {
    const child = execFile(
      python.path,
      ['-I', '-S', PARSER],
      { timeout: PARSE_TIMEOUT_MS, maxBuffer: 1 << 20, env: { PATH: '/usr/bin:/bin' } as unknown as NodeJS.ProcessEnv },
      (error, stdout) => {
        if (error) reject(new Error(`the syntax check failed: ${error.message}`));
        else resolve(JSON.parse(stdout) as ParseReport);
      },
    );
    child.stdin?.end(code);
  });
}

const FORMS: Record<string, NonNullable<PreflightReport['signature']['form']>> = {
  'initial_solution,utility,language_model': 'utility-language-model',
  'initial_solution,utility_str,utility': 'utility-str-utility',
};

function checkSignature(parsed: ParseReport): PreflightReport['signature'] {
  if (!parsed.ok) return { ok: false, message: 'not checked: the program does not parse' };
  if (!parsed.parameters) return { ok: false, message: 'the program defines no top-level improve_algorithm function' };
  const form = FORMS[parsed.parameters.join(',')];
  if (form) return { ok: true, form };
  return {
    ok: false,
    message: `improve_algorithm(${parsed.parameters.join(', ')}) matches neither improve_algorithm(initial_solution, utility, language_model) nor improve_algorithm(initial_solution, utility_str, utility)`,
  };
}

/** Typical completion length of one response (an idea and a program), in tokens. */
const TOKENS_PER_RESPONSE = 450;
/**
 * Wall time of one sandboxed evaluation (every core busy) and of one real model call when nothing was
 * measured yet: the evaluation's is the mean of a Figure 4 run on a 2-core machine (docs/performance.md).
 */
const SECONDS_PER_EVALUATION = 0.13;
const SECONDS_PER_REMOTE_CALL = 8;

/**
 * An estimate of the run's work and time: the seed's own behaviour under the run's budgets is observed by
 * a dry run (stub model and utility, in the sandbox); improvers the model writes are assumed to use most
 * of their budgets (lib/stop/run-plan.ts). The rates are this installation's recent measurements.
 */
export async function estimateStopRun(code: string, config: StopRunConfig, db?: Database): Promise<PreflightReport['estimate']> {
  const { budgets } = config;
  const task = (await resolveTask(config.taskId, db)).seedSolution;
  const [seed, rates] = await Promise.all([observeSeedBehaviour(code, task, budgets, config.apiMode), timeRates(config, db)]);
  const counted = planStopRun(config, seed);
  const downstreamLmCalls = counted.lmCalls - counted.metaLmCalls;
  const promptTokens = downstreamLmCalls * (estimateTokens(task) + 400) + counted.metaLmCalls * (estimateTokens(code) + 600);
  const completionTokens = counted.lmCalls * budgets.maxResponsesPerCall * TOKENS_PER_RESPONSE;
  const price = config.model.provider === 'replay' ? undefined : await resolveModelPrice(config.model.model, db);
  const plan: WorkPlan = { sandboxEvaluations: counted.sandboxEvaluations, lmCalls: counted.lmCalls, lmConcurrency: counted.lmConcurrency };
  const seconds = Math.round(plannedSeconds(plan, rates).total);
  return {
    lmCalls: counted.lmCalls,
    tokens: promptTokens + completionTokens,
    costUsd: price ? costUsd(price, promptTokens, completionTokens) : 0,
    sandboxEvaluations: counted.sandboxEvaluations,
    minutes: Math.ceil(seconds / 60),
    seconds,
    plan,
    rates,
    seedObserved: seed !== null,
  };
}

/** Evaluations/s and the model's latency measured by this installation's recent work, else defaults. */
async function timeRates(config: StopRunConfig, db?: Database): Promise<PreflightReport['estimate']['rates']> {
  const model = config.model.model;
  const measured = measuredRates(
    { evaluationSeconds: await recentEvaluationSeconds(config.taskId, 2000, db), lmLatencySeconds: await recentLmLatencySeconds(model, 200, db) },
    os.availableParallelism(),
  );
  return {
    evaluationsPerSecond: measured.evaluationsPerSecond ?? os.availableParallelism() / SECONDS_PER_EVALUATION,
    lmLatencySeconds: measured.lmLatencySeconds ?? (config.model.provider === 'openai' ? SECONDS_PER_REMOTE_CALL : 0),
    measured: { evaluations: measured.evaluationsPerSecond !== undefined, lm: measured.lmLatencySeconds !== undefined },
  };
}

/** Syntax, signature, circumvention findings and a cost estimate, before anything runs. */
export async function preflightImprover(code: string, config: StopRunConfig): Promise<PreflightReport> {
  const parsed = await parseImprover(code);
  const estimate = await estimateStopRun(code, config);
  const signature = checkSignature(parsed);
  const findings: PreflightFinding[] = [
    ...(parsed.ok
      ? []
      : [{ rule: 'syntax_error', message: parsed.message ?? 'syntax error', line: parsed.line, severity: 'error' as const }]),
    ...(parsed.ok && !signature.ok
      ? [{ rule: 'signature', message: signature.message ?? 'bad signature', line: parsed.line, severity: 'error' as const }]
      : []),
    ...scanCode(code).map((finding) => ({ ...finding, severity: 'warning' as const })),
  ];
  return {
    ok: parsed.ok && signature.ok,
    syntax: parsed.ok
      ? { ok: true }
      : { ok: false, message: parsed.message ?? undefined, line: parsed.line ?? undefined, column: parsed.column ?? undefined },
    signature,
    findings,
    estimate,
    spendCap: config.spendCap
      ? {
          maxCostUsd: config.spendCap.maxCostUsd ?? null,
          maxTokens: config.spendCap.maxTokens ?? null,
          ...estimateAgainstCap(estimate, config.spendCap),
        }
      : null,
  };
}

import 'server-only';
import { contentHash } from '@/db/ids';
import { LmBudgetExceededError, LmRequestError, type LanguageModelSession } from '@/lib/lm/types';
import { ModelRefusal, runImprover, SANDBOX_LIMITS, type CircumventionEvent, type ImproverModel, type UtilityHost } from '@/lib/sandbox';
import type { EngineContext } from './context';
import { isOversizedImprover, oversizedProgramError } from './improver-size';

/** One call the improver made to its utility, as the host saw it (kept with the step's result). */
export interface UtilityCallRecord {
  /** When the call started, in ms since the invocation started. */
  at_ms: number;
  program_hash: string;
  score: number | null;
  /** Answered by an evaluation of the same program already done or in flight (e.g. a speculative one). */
  cached: boolean;
  duration_ms: number;
  error: string | null;
}

/** A utility whose answers say whether they were computed or already known. */
export interface TracedUtilityHost extends Omit<UtilityHost, 'evaluate'> {
  evaluate(code: string): Promise<{ utility: number; cached: boolean }>;
}

export interface InvocationResult {
  solution: string | null;
  /** The improver returned its input unchanged (a failure mode the paper saw: silently giving up). */
  unchanged: boolean;
  error: { code: string; message: string } | null;
  circumventions: CircumventionEvent[];
  lmCalls: number;
  utilityCalls: number;
  durationMs: number;
  /** Host-side record of the utility calls in call order (absent in results stored before it existed). */
  utilityTrace?: UtilityCallRecord[];
}

const ERROR_TEXT_LIMIT = 300;

/** The host utility handed to the sandbox, recording every call into `trace`. */
function recordingHost(host: TracedUtilityHost, started: number, trace: UtilityCallRecord[]): UtilityHost {
  return {
    description: host.description,
    budget: host.budget,
    ...(host.failureValue === undefined ? {} : { failureValue: host.failureValue }),
    evaluate: async (code) => {
      const at = Date.now();
      const record: UtilityCallRecord = {
        at_ms: at - started,
        program_hash: contentHash(code),
        score: null,
        cached: false,
        duration_ms: 0,
        error: null,
      };
      trace.push(record);
      try {
        const { utility, cached } = await host.evaluate(code);
        record.score = utility;
        record.cached = cached;
        return utility;
      } catch (error) {
        record.error = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_TEXT_LIMIT);
        throw error;
      } finally {
        record.duration_ms = Date.now() - at;
      }
    },
  };
}

/**
 * Wall-clock limits of one improver invocation. A downstream invocation waits only for its own LM
 * calls and evaluations; a self-improvement invocation also waits for every meta-utility it asks for
 * (k copies of downstream invocations each), which with a real model can take hours. Budgets, not
 * these limits, are what normally end an invocation.
 */
/** The gateway's refusals in the sandbox's terms: a spent budget or a prompt too long for the context. */
function refusalOf(error: unknown): unknown {
  if (error instanceof LmBudgetExceededError) return new ModelRefusal(error.message, 'budget');
  if (error instanceof LmRequestError && error.code === 'context_length')
    return new ModelRefusal(`the prompt is too long for the language model: ${error.message}`, 'context_length');
  return error;
}

/** The session as the sandbox's model interface, optionally reporting every batch of responses. */
export function asImproverModel(session: LanguageModelSession, onResponses?: (responses: string[]) => void): ImproverModel {
  return {
    get budget() {
      return session.budget;
    },
    get maxResponsesPerCall() {
      return session.maxResponsesPerCall;
    },
    get callsUsed() {
      return session.callsUsed;
    },
    prompt: async (request, signal) => {
      const responses = await session.prompt(request, signal).catch((error: unknown) => {
        throw refusalOf(error);
      });
      onResponses?.(responses);
      return responses;
    },
  };
}

export const IMPROVER_TIMEOUT_MS = SANDBOX_LIMITS.improverTimeoutMs;
export const SELF_IMPROVEMENT_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** One invocation I(u, s, L): runs the improver in its sandbox with a fresh LM session. */
export async function invokeImprover(
  ctx: EngineContext,
  options: {
    improverCode: string;
    initialSolution: string;
    utility: TracedUtilityHost;
    stepKey: string;
    timeoutMs?: number;
    /** Called with every batch of model responses, e.g. to start evaluating them speculatively. */
    onResponses?: (responses: string[]) => void;
  },
): Promise<InvocationResult> {
  const session = ctx.model.session({
    stepKey: options.stepKey,
    budget: ctx.budgets.lmCalls,
    maxResponsesPerCall: ctx.budgets.maxResponsesPerCall,
  });
  const languageModel = asImproverModel(session, options.onResponses);
  const utilityTrace: UtilityCallRecord[] = [];
  const outcome = await runImprover({
    code: options.improverCode,
    initialSolution: options.initialSolution,
    utility: recordingHost(options.utility, Date.now(), utilityTrace),
    languageModel,
    timeoutMs: options.timeoutMs ?? (ctx.limits ? ctx.limits.improverMinutes * 60_000 : IMPROVER_TIMEOUT_MS),
    cpuSeconds: ctx.limits?.improverCpuSeconds,
    signal: ctx.signal,
    apiMode: ctx.apiMode,
  });
  // An oversized program is refused here, before anything (the step's result included) stores it.
  const oversized = outcome.ok && isOversizedImprover(outcome.solution) ? oversizedProgramError(outcome.solution.length) : null;
  const returned = outcome.ok && !oversized ? outcome.solution : null;
  return {
    solution: returned,
    unchanged: returned !== null && returned.trim() === options.initialSolution.trim(),
    error: outcome.ok ? oversized : { code: outcome.error.code, message: outcome.error.message },
    circumventions: outcome.circumventions,
    lmCalls: outcome.lmCalls,
    utilityCalls: outcome.utilityCalls,
    durationMs: outcome.durationMs,
    utilityTrace,
  };
}

/** Events describing what an invocation tried and how it failed (emitted once, when it was computed). */
export function emitInvocationEvents(
  ctx: EngineContext,
  result: InvocationResult,
  where: { repeat: number | null; iteration: number | null; stepKey: string },
): void {
  for (const attempt of result.circumventions) {
    ctx.events.emit({
      type: 'circumvention',
      payload: {
        repeat: where.repeat ?? 0,
        iteration: where.iteration ?? 0,
        kind: attempt.kind,
        detail: attempt.detail,
        line: attempt.line,
      },
    });
  }
  if (result.error) {
    ctx.events.emit({
      type: 'error',
      payload: { repeat: where.repeat, iteration: where.iteration, ...result.error, step_key: where.stepKey },
    });
  }
}

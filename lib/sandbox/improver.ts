import { boundedCopy, type ProtocolMessage } from './channel';
import { SandboxErrorCode, sandboxError, type SandboxErrorInfo } from './errors';
import { launchSandbox, type SandboxProcess } from './launcher';
import { SANDBOX_LIMITS } from './limits';
import { errorFromExit, errorFromMessage } from './outcome';
import { ModelRefusal, type ImproverModel } from './model';
import { OwnTimeWatchdog } from './own-time';

/** The utility given to an improver; the host counts its uses against `budget`. */
export interface UtilityHost {
  description: string;
  budget: number;
  /** What a non-program (`None`, `""`, a non-string) scores without an evaluation (default 0). */
  failureValue?: number;
  evaluate(solution: string, signal?: AbortSignal): Promise<number>;
}

/** As in the reference, a utility call past the budget returns this instead of raising. */
export const OVER_BUDGET_UTILITY = 0;

export interface CircumventionEvent {
  kind:
    | 'use_sandbox_false'
    | 'new_language_model'
    | 'budget_raise'
    | 'n_capped'
    | 'utility_over_budget'
    | 'utility_not_a_program'
    | (string & {});
  detail: string;
  line: number | null;
}

export type ImproverOutcome = ({ ok: true; solution: string } | { ok: false; error: SandboxErrorInfo }) & {
  circumventions: CircumventionEvent[];
  /** Events past SANDBOX_LIMITS.maxEvents: counted, not kept. */
  eventsDropped: number;
  utilityCalls: number;
  /** Utility calls past the budget: each returned 0 and was recorded as a `utility_over_budget` event. */
  utilityOverBudget: number;
  lmCalls: number;
  durationMs: number;
  stderrTail: string;
};

export interface RunImproverOptions {
  code: string;
  initialSolution: string;
  utility: UtilityHost;
  languageModel: ImproverModel;
  timeoutMs?: number;
  /**
   * CPU seconds of the improver process, and also the most wall-clock seconds it may spend outside its
   * LM and utility calls (default SANDBOX_LIMITS.improverCpuSeconds).
   */
  cpuSeconds?: number;
  signal?: AbortSignal;
  /**
   * 'reference': the language model asserts as the reference's does (n or a batch over
   * max_responses_per_call raises, batch_prompt needs a temperature). Default 'lenient': capped and recorded.
   */
  apiMode?: 'reference' | 'lenient';
}

const KNOWN_EVENTS = new Set(['new_language_model', 'budget_raise']);

class CallRefused extends Error {
  constructor(
    message: string,
    readonly kind: 'budget' | 'context_length' | 'error',
  ) {
    super(message);
  }
}

function lineOf(params: Record<string, unknown>): number | null {
  return typeof params.line === 'number' && Number.isInteger(params.line) ? params.line : null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Answers the improver's calls: every budget is counted here, never inside the sandbox. */
class ImproverHost {
  readonly circumventions: CircumventionEvent[] = [];
  utilityCalls = 0;
  utilityOverBudget = 0;
  lmCalls = 0;

  constructor(
    private readonly options: RunImproverOptions,
    private readonly signal: AbortSignal,
  ) {}

  /** Events past `maxEvents` are only counted: a program cannot make the host keep more. */
  droppedEvents = 0;

  record(kind: string, detail: string, line: number | null): void {
    if (this.circumventions.length >= SANDBOX_LIMITS.maxEvents) {
      this.droppedEvents += 1;
      return;
    }
    // A copy, not a slice: a slice of a 30 MB string keeps the 30 MB alive.
    this.circumventions.push({ kind, detail: boundedCopy(detail, SANDBOX_LIMITS.fieldChars), line });
  }

  async call(method: unknown, params: Record<string, unknown>): Promise<unknown> {
    if (method === 'utility') return this.utility(params);
    if (method === 'lm.prompt') return this.prompt(params);
    // Never echo untrusted input in full.
    throw new CallRefused(`unknown call ${boundedCopy(String(method), 80)}`, 'error');
  }

  private async utility(params: Record<string, unknown>): Promise<{ value: number; uses: number }> {
    const { utility } = this.options;
    if (params.use_sandbox === false) {
      this.record('use_sandbox_false', 'utility(..., use_sandbox=False) was called; the sandbox stays on', lineOf(params));
    }
    // The reference's order: the budget first, then "not a program", then an evaluation that counts.
    if (this.utilityCalls >= utility.budget) {
      this.utilityOverBudget += 1;
      this.record(
        'utility_over_budget',
        `utility call ${utility.budget + this.utilityOverBudget} is past the budget of ${utility.budget}: it returned ${OVER_BUDGET_UTILITY}`,
        lineOf(params),
      );
      return { value: OVER_BUDGET_UTILITY, uses: this.utilityCalls };
    }
    if (typeof params.solution !== 'string' || params.solution.trim() === '') {
      const given = typeof params.given === 'string' ? params.given.slice(0, 40) : typeof params.solution;
      const value = utility.failureValue ?? 0;
      this.record('utility_not_a_program', `utility() was given ${given}, not a program: it scored the failure value ${value}`, lineOf(params));
      return { value, uses: this.utilityCalls };
    }
    this.utilityCalls += 1;
    const value = await utility.evaluate(params.solution, this.signal);
    return { value: Number.isFinite(value) ? value : 0, uses: this.utilityCalls };
  }

  private async prompt(params: Record<string, unknown>): Promise<string[]> {
    const session = this.options.languageModel;
    const messages = Array.isArray(params.messages) ? params.messages.map(String) : [];
    if (messages.length === 0) throw new CallRefused('the language model needs at least one message', 'error');
    const requested = Number(params.n);
    let n = Number.isInteger(requested) && requested >= 1 ? requested : 1;
    if (messages.length > 1) n = 1;
    if (n > session.maxResponsesPerCall) {
      this.record('n_capped', `asked for ${n} responses; cut to max_responses_per_call=${session.maxResponsesPerCall}`, lineOf(params));
      n = session.maxResponsesPerCall;
    }
    const batch = messages.slice(0, session.maxResponsesPerCall);
    if (batch.length < messages.length) {
      this.record('n_capped', `batch of ${messages.length} messages cut to max_responses_per_call=${session.maxResponsesPerCall}`, lineOf(params));
    }
    const temperature = Number(params.temperature);
    try {
      const answers = await session.prompt(
        {
          expertise: typeof params.expertise === 'string' ? params.expertise : '',
          messages: batch,
          n,
          temperature: Number.isFinite(temperature) ? Math.min(2, Math.max(0, temperature)) : 0.7,
        },
        this.signal,
      );
      return answers;
    } catch (error) {
      if (error instanceof ModelRefusal) throw new CallRefused(error.message, error.kind);
      throw new CallRefused(`the language model could not answer: ${errorMessage(error)}`, 'error');
    } finally {
      this.lmCalls = session.callsUsed;
    }
  }
}

function respond(sandbox: SandboxProcess, host: ImproverHost, message: ProtocolMessage, watchdog: OwnTimeWatchdog): void {
  const params = (typeof message.params === 'object' && message.params !== null ? message.params : {}) as Record<string, unknown>;
  watchdog.callStarted();
  host.call(message.method, params).finally(() => watchdog.callEnded()).then(
    (result) => sandbox.send({ id: message.id, result }),
    (error: unknown) =>
      sandbox.send({
        id: message.id,
        error: { kind: error instanceof CallRefused ? error.kind : 'error', message: errorMessage(error) },
      }),
  );
}

/** Runs `improve_algorithm` in a fresh sandbox with host-backed `utility` and `language_model`. */
export async function runImprover(options: RunImproverOptions): Promise<ImproverOutcome> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? SANDBOX_LIMITS.improverTimeoutMs;
  const cpuSeconds = options.cpuSeconds ?? SANDBOX_LIMITS.improverCpuSeconds;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const host = new ImproverHost(options, controller.signal);
  let sandbox: SandboxProcess | undefined;
  let result: { ok: true; solution: string } | { ok: false; error: SandboxErrorInfo };
  try {
    sandbox = await launchSandbox({
      role: 'improver',
      cpuSeconds,
      timeoutMs,
      signal: options.signal,
    });
    sandbox.send({
      type: 'start',
      role: 'improver',
      code: options.code,
      initial_solution: options.initialSolution,
      utility: { description: options.utility.description, budget: options.utility.budget },
      language_model: {
        budget: options.languageModel.budget,
        max_responses_per_call: options.languageModel.maxResponsesPerCall,
        strict: options.apiMode === 'reference',
      },
    });
    const running = sandbox;
    const watchdog = new OwnTimeWatchdog(cpuSeconds * 1000, () => running.kill('timeout'));
    try {
      result = await converse(sandbox, host, timeoutMs, cpuSeconds, watchdog);
    } finally {
      watchdog.stop();
    }
    if (watchdog.exceeded && !result.ok && result.error.code === SandboxErrorCode.Timeout) {
      result = {
        ok: false,
        error: sandboxError(
          SandboxErrorCode.Timeout,
          `the improver ran for more than its limit of ${cpuSeconds} s of its own time (outside its LM and utility calls) and was stopped`,
        ),
      };
    }
  } catch (error) {
    result = { ok: false, error: sandboxError(SandboxErrorCode.SandboxFailure, `the sandbox could not run the improver: ${errorMessage(error)}`) };
  } finally {
    controller.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }
  sandbox?.kill('finished');
  await sandbox?.exited;
  return {
    ...result,
    circumventions: host.circumventions,
    eventsDropped: host.droppedEvents,
    utilityCalls: host.utilityCalls,
    utilityOverBudget: host.utilityOverBudget,
    lmCalls: Math.max(host.lmCalls, options.languageModel.callsUsed),
    durationMs: Date.now() - started,
    stderrTail: sandbox?.stderrTail() ?? '',
  };
}

async function converse(
  sandbox: SandboxProcess,
  host: ImproverHost,
  timeoutMs: number,
  cpuSeconds: number,
  watchdog: OwnTimeWatchdog,
): Promise<{ ok: true; solution: string } | { ok: false; error: SandboxErrorInfo }> {
  for (;;) {
    const received = await sandbox.receive();
    if (received.kind === 'exit') return { ok: false, error: errorFromExit(received.exit, 'the improver', timeoutMs, cpuSeconds) };
    if (received.kind !== 'message') continue;
    const { message } = received;
    if (message.type === 'call') respond(sandbox, host, message, watchdog);
    else if (message.type === 'event') {
      const kind = typeof message.kind === 'string' && KNOWN_EVENTS.has(message.kind) ? message.kind : 'unknown_event';
      host.record(kind, typeof message.detail === 'string' ? message.detail : '', lineOf(message));
    } else if (message.type === 'result') {
      if (message.ok === true && typeof message.value === 'string') return { ok: true, solution: message.value };
      if (message.ok === true) return { ok: false, error: sandboxError(SandboxErrorCode.NotAString, 'improve_algorithm did not return a string') };
      return { ok: false, error: errorFromMessage(message) };
    }
  }
}

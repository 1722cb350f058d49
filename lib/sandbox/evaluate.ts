import { createHash } from 'node:crypto';
import { boundedCopy } from './channel';
import { JudgeError, SandboxErrorCode, toErrorCode } from './errors';
import type { SharedDataset } from './fork-server';
import { launchSandbox, type Launcher, type LaunchOptions, type SandboxExit, type SandboxProcess } from './launcher';
import { SANDBOX_LIMITS } from './limits';
import { errorFromExit, errorFromMessage, formatMs } from './outcome';
import { installedSandboxPool, type Lease, type SandboxPool } from './pool';
import { clamp01, combineScores, isFatal, PER_INSTANCE_RULES, REFERENCE_RAISES, type ArgumentType, type ScoringRules } from './scoring';

export interface EvaluateSolutionOptions {
  judgeCode: string;
  solutionCode: string;
  entryPoint: string;
  seed: number;
  count: number;
  timeoutMsPerInstance: number;
  /** Utility of a solution that does not load (and of an evaluation with no instances). */
  failureValue: number;
  /** How failed calls and scores combine (default: each instance fails alone, no floor). */
  scoring?: ScoringRules;
  /** How each argument reaches the solution (default: as JSON values). */
  argumentTypes?: readonly ArgumentType[];
  signal?: AbortSignal;
  /** Warm processes to use; omitted: the installed process-wide pool, if any; null: none (cold starts). */
  pool?: SandboxPool | null;
  /** How the solution's process is made (default: STOP_SANDBOX_LAUNCHER, the fork server). */
  launcher?: Launcher;
}

export interface SolutionFailure {
  index: number;
  code: SandboxErrorCode;
  message: string;
}

export interface SolutionEvaluation {
  /** The scores combined by the scoring rules, clamped to [0, 1]. */
  utility: number;
  /** Set when a failure ended the evaluation early (the scoring rules make it fatal). */
  fatal?: SolutionFailure;
  scores: number[];
  failures: SolutionFailure[];
  durationMs: number;
  /** CPU time the solution itself spent in its calls, as its process measured it (ms). */
  programCpuMs: number;
}

/** The trusted judge in its own process: instances and scores; hidden data never leaves it. */
class Judge {
  private nextId = 0;

  private constructor(private readonly sandbox: SandboxProcess) {}

  static async start(code: string, lifetimeMs: number, signal: AbortSignal | undefined): Promise<Judge> {
    const sandbox = await launchSandbox({
      role: 'judge',
      cpuSeconds: SANDBOX_LIMITS.judgeCpuSeconds,
      timeoutMs: lifetimeMs,
      signal,
    });
    const judge = new Judge(sandbox);
    sandbox.send({ type: 'start', role: 'judge', code });
    await judge.expect('loaded');
    return judge;
  }

  private async expect(type: string): Promise<Record<string, unknown>> {
    const received = await this.sandbox.receive(SANDBOX_LIMITS.judgeTimeoutMs);
    if (received.kind === 'timeout') {
      this.sandbox.kill('timeout');
      throw new JudgeError(`the judge did not answer within ${formatMs(SANDBOX_LIMITS.judgeTimeoutMs)}`, SandboxErrorCode.Timeout);
    }
    if (received.kind === 'exit') {
      const error = errorFromExit(received.exit, 'the judge', SANDBOX_LIMITS.judgeTimeoutMs);
      throw new JudgeError(`${error.message}\n${this.sandbox.stderrTail()}`.trim(), error.code);
    }
    const { message } = received;
    if (message.ok !== true) {
      const error = errorFromMessage(message);
      throw new JudgeError(`the judge failed: ${error.message}`, error.code);
    }
    if (message.type !== type && message.type !== 'reply') {
      throw new JudgeError(`the judge sent an unexpected ${String(message.type)} message`, SandboxErrorCode.SandboxFailure);
    }
    return message;
  }

  private async call(request: Record<string, unknown>): Promise<unknown> {
    this.nextId += 1;
    this.sandbox.send({ ...request, id: this.nextId });
    return (await this.expect('reply')).result;
  }

  async generate(seed: number, count: number): Promise<unknown[][]> {
    const instances = await this.call({ method: 'generate', seed, count });
    if (!Array.isArray(instances) || !instances.every(Array.isArray)) {
      throw new JudgeError('the judge generate() did not return a list of (args, hidden) pairs', SandboxErrorCode.Exception);
    }
    return instances as unknown[][];
  }

  /** Scores many outputs in one call: per item a score in [0, 1], or the judge's failure on it. */
  async scoreMany(items: ScoreItem[]): Promise<ItemScore[]> {
    // The judge keeps each instance's arguments: an item names its instance instead of carrying them back.
    const results = await this.call({ method: 'score_many', items: items.map(({ index, output }) => ({ index, output })) });
    if (!Array.isArray(results) || results.length !== items.length) {
      throw new JudgeError('the judge returned a malformed list of scores', SandboxErrorCode.SandboxFailure);
    }
    return results.map((raw: unknown): ItemScore => {
      const item = (raw ?? {}) as { ok?: unknown; score?: unknown; code?: unknown; message?: unknown };
      if (item.ok !== true) {
        return { ok: false, code: toErrorCode(item.code), message: boundedCopy(typeof item.message === 'string' ? item.message : 'unknown error', 300) };
      }
      const value = Number(item.score);
      // A negative score is the judge's sentinel: the reference's scorer raises on this output.
      if (value < 0) return { ok: true, score: REFERENCE_RAISES };
      return { ok: true, score: Number.isFinite(value) ? clamp01(value) : 0 };
    });
  }

  async close(): Promise<void> {
    this.sandbox.kill('finished');
    await this.sandbox.exited;
  }
}

/**
 * The seed of a solution's global `random` (and numpy's, when it is loaded) for one instance: a program's
 * score is then a function of its text, as the per-run cache and replays assume, even when it draws
 * random numbers without seeding them itself.
 */
export function instanceRandomSeed(instanceSetSeed: number, index: number): number {
  return (Math.imul(instanceSetSeed | 0, 0x9e3779b1) + index) >>> 0;
}

/** A judge with its instances generated for one (seed, count), and the solution's calls for them. */
class PreparedJudge {
  /** Per instance, the solution's call as a JSON line: encoded once, sent to every solution this judge scores. */
  readonly calls: PlannedCalls;
  /** The instance set, for a fork server to hold: its children then get calls that name their instance. */
  readonly dataset: SharedDataset;

  private constructor(
    readonly judge: Judge,
    readonly instances: unknown[][],
    seed: number,
    key: string,
    argumentTypes: readonly string[],
  ) {
    const call = (position: number, args: { args: unknown[] } | { ref: number }) =>
      `${JSON.stringify({ type: 'call', id: position + 1, ...args, seed: instanceRandomSeed(seed, position) })}\n`;
    const full = instances.map((instance, position) => call(position, { args: Array.isArray(instance) ? instance : [] }));
    this.calls = { full, byReference: instances.map((_, position) => call(position, { ref: position })) };
    this.dataset = { key: `${key}:${argumentTypes.join(',')}`, calls: full.join(''), argumentTypes };
  }

  static async start(options: EvaluateSolutionOptions, lifetimeMs: number, signal: AbortSignal | undefined): Promise<PreparedJudge> {
    const judge = await Judge.start(options.judgeCode, lifetimeMs, signal);
    try {
      return new PreparedJudge(judge, await judge.generate(options.seed, options.count), options.seed, judgeKey(options), options.argumentTypes ?? []);
    } catch (error) {
      await judge.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.judge.close();
  }
}

/** A pooled judge lives this long at most (it is trusted code; per-step timeouts still apply). */
const POOLED_JUDGE_LIFETIME_MS = 60 * 60_000;

function judgeKey(options: EvaluateSolutionOptions): string {
  return createHash('sha256').update(`${options.seed}\u0000${options.count}\u0000${options.judgeCode}`).digest('hex');
}

/** The judge of one evaluation: reused from the pool (never with the evaluation's signal), or its own. */
async function acquireJudge(options: EvaluateSolutionOptions, lifetimeMs: number, pool: SandboxPool | undefined): Promise<Lease<PreparedJudge>> {
  if (pool) {
    const lease = await pool.judges.acquire(judgeKey(options), () => PreparedJudge.start(options, POOLED_JUDGE_LIFETIME_MS, undefined));
    return lease as Lease<PreparedJudge>;
  }
  const judge = await PreparedJudge.start(options, lifetimeMs, options.signal);
  return { value: judge, reused: false, release: () => judge.close() };
}

/** `unscorable`: the call returned, but its value could not be passed on (a malformed answer, not a crash). */
type Answer = { ok: true; output: unknown } | { ok: false; code: SandboxErrorCode; message: string; unscorable?: boolean };

/**
 * Each instance's call to the solution as a JSON line (see PreparedJudge.calls): with its arguments, or
 * naming its instance for a process that inherited the instance set.
 */
interface PlannedCalls {
  full: readonly string[];
  byReference: readonly string[];
}

/** Instances whose calls wait in the solution's input at most (bounds what a slow solution makes the host queue). */
const PIPELINE_DEPTH = 32;

/**
 * The untrusted solution, loaded once per process; restarted after an instance times out. The program
 * and its first calls go out together: the process loads the program and answers without waiting for
 * the host in between, and closes when its input ends after the last call (no kill round trip).
 */
class Solution {
  private sandbox: SandboxProcess | undefined;
  private loadError: Answer | undefined;
  private starting: Promise<void> | undefined;
  private loading: Promise<Answer | undefined> | undefined;
  /** Whether the current process has not reported its load yet. */
  private unconfirmed = false;
  /** Instances whose calls the current process has been sent and not answered yet, in order. */
  private outstanding: number[] = [];
  private nextToSend = 0;
  /** CPU time the current process reported for its calls. */
  private reportedCpuMs = 0;
  cpuMs = 0;

  constructor(
    private readonly options: EvaluateSolutionOptions,
    private readonly remaining: () => number,
    private readonly launch: (options: LaunchOptions) => Promise<SandboxProcess>,
    private readonly dataset: SharedDataset,
  ) {}

  /** Starts the process and sends it the program (once; again only after a kill), without waiting for the load. */
  begin(): Promise<void> {
    this.starting ??= this.startProcess().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Waits until the program has loaded (calls sent meanwhile wait in its input). */
  async load(): Promise<Answer | undefined> {
    this.loading ??= this.confirmLoad().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async startProcess(): Promise<void> {
    if (this.loadError || this.sandbox) return;
    const { timeoutMsPerInstance, signal } = this.options;
    const cpuSeconds = (this.remaining() * timeoutMsPerInstance) / 1000 + SANDBOX_LIMITS.solutionCpuSlackSeconds;
    const sandbox = await this.launch({
      role: 'solution',
      launcher: this.options.launcher,
      cpuSeconds,
      timeoutMs: SANDBOX_LIMITS.solutionLoadTimeoutMs + this.remaining() * (timeoutMsPerInstance + 1000),
      signal,
      dataset: this.dataset,
    });
    this.sandbox = sandbox;
    this.unconfirmed = true;
    this.outstanding = [];
    this.reportedCpuMs = 0;
    sandbox.send({
      type: 'start',
      role: 'solution',
      code: this.options.solutionCode,
      entry_point: this.options.entryPoint,
      argument_types: this.options.argumentTypes ?? [],
    });
  }

  private async confirmLoad(): Promise<Answer | undefined> {
    await this.begin();
    if (this.loadError) return this.loadError;
    const sandbox = this.sandbox;
    if (!sandbox || !this.unconfirmed) return undefined;
    const received = await sandbox.receive(SANDBOX_LIMITS.solutionLoadTimeoutMs);
    this.unconfirmed = false;
    if (received.kind === 'message' && received.message.ok === true) return undefined;
    let failure: Answer;
    if (received.kind === 'message') {
      failure = { ok: false, ...errorFromMessage(received.message) };
    } else if (received.kind === 'timeout') {
      failure = { ok: false, code: SandboxErrorCode.Timeout, message: `the solution did not load within ${formatMs(SANDBOX_LIMITS.solutionLoadTimeoutMs)}` };
    } else {
      failure = { ok: false, ...errorFromExit(received.exit, 'the solution', SANDBOX_LIMITS.solutionLoadTimeoutMs) };
    }
    // Whatever kept it from loading will keep it from loading again.
    this.loadError = failure;
    await this.stop();
    return failure;
  }

  /**
   * Sends the calls from instance `index` on (up to PIPELINE_DEPTH instances ahead), so the solution
   * never waits for the host between instances; after the last call its input is closed.
   */
  sendAhead(index: number, planned: PlannedCalls): void {
    const sandbox = this.sandbox;
    if (!sandbox) return;
    const calls = sandbox.dataset === this.dataset.key ? planned.byReference : planned.full;
    if (this.outstanding[0] !== index && this.nextToSend !== index) {
      // A fresh process (or a skipped instance): start sending at this one.
      this.outstanding = [];
      this.nextToSend = index;
    }
    const before = this.nextToSend;
    while (this.nextToSend < calls.length && this.outstanding.length < PIPELINE_DEPTH) {
      this.outstanding.push(this.nextToSend);
      this.nextToSend += 1;
    }
    if (this.nextToSend === before) return;
    // One write for all of them: one frame through the fork server, one wake-up of the solution.
    sandbox.sendLines(calls.slice(before, this.nextToSend).join(''));
    if (this.nextToSend === calls.length) sandbox.closeInput();
  }

  /**
   * The answer to instance `index`. The solution answers one instance at a time, in order, and the
   * per-instance clock starts when the previous answer arrived, as without pipelining.
   */
  async answer(index: number, calls: PlannedCalls): Promise<Answer> {
    await this.begin();
    this.sendAhead(index, calls);
    const loadFailure = await this.load();
    if (loadFailure) return loadFailure;
    const sandbox = this.sandbox!;
    const { timeoutMsPerInstance } = this.options;
    const received = await sandbox.receive(timeoutMsPerInstance);
    this.outstanding.shift();
    if (received.kind === 'message' && received.message.id === index + 1) {
      const { message } = received;
      const cpuMs = Number(message.cpu_ms);
      // The program's own report: bounded so that a forged number cannot distort a sum.
      if (Number.isFinite(cpuMs)) {
        const counted = Math.min(Math.max(cpuMs, 0), timeoutMsPerInstance);
        this.cpuMs += counted;
        this.reportedCpuMs += counted;
      }
      if (message.ok === true) return { ok: true, output: message.output };
      const answer: Answer = { ok: false, ...errorFromMessage(message), unscorable: message.unscorable === true };
      if (answer.code === SandboxErrorCode.MemoryLimit) await this.stop();
      return answer;
    }
    if (received.kind === 'timeout') sandbox.kill('timeout');
    const exit = await this.stop();
    if (received.kind === 'timeout') {
      // The killed process never reported this call: its own CPU time is what its exit status adds to
      // what it reported (bounded by the instance's limit), so a timed-out program's time is not lost.
      if (exit?.cpuMs !== undefined) this.cpuMs += Math.min(Math.max(exit.cpuMs - this.reportedCpuMs, 0), timeoutMsPerInstance);
      return { ok: false, code: SandboxErrorCode.Timeout, message: `the solution took longer than ${formatMs(timeoutMsPerInstance)}` };
    }
    if (received.kind === 'exit') return { ok: false, ...errorFromExit(received.exit, 'the solution', timeoutMsPerInstance) };
    return { ok: false, code: SandboxErrorCode.SandboxFailure, message: 'the solution answered out of turn' };
  }

  async stop(): Promise<SandboxExit | undefined> {
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    this.outstanding = [];
    if (!sandbox) return undefined;
    sandbox.kill('finished');
    return sandbox.exited;
  }
}

/** Any failure of the host while relaying one answer is that answer's failure, never the run's. */
async function relay(work: () => Promise<Answer>, what: string): Promise<Answer> {
  try {
    return await work();
  } catch (error) {
    return { ok: false, code: SandboxErrorCode.SandboxFailure, message: `${what} failed: ${boundedCopy(errorText(error), 300)}` };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface ScoreItem {
  index: number;
  output: unknown;
  /** Where its score goes in the evaluation's list. */
  slot: number;
}

type ItemScore = { ok: true; score: number } | { ok: false; code: SandboxErrorCode; message: string };

/**
 * The judge scores every answered instance in one call (one round trip, not one per instance). From the
 * first output it fails on, the judge is not trusted again: that and the later outputs score the failure
 * value, with the reason. Returns whether the judge broke.
 */
async function scoreAll(judge: Judge, items: ScoreItem[], scores: number[], failures: SolutionFailure[], failureValue: number): Promise<boolean> {
  if (items.length === 0) return false;
  let results: ItemScore[];
  try {
    results = await judge.scoreMany(items);
  } catch (error) {
    const code = error instanceof JudgeError ? error.code : SandboxErrorCode.SandboxFailure;
    results = items.map(() => ({ ok: false, code, message: boundedCopy(errorText(error), 300) }));
  }
  const broken = results.findIndex((result) => !result.ok);
  items.forEach((item, position) => {
    const result = results[position]!;
    if (broken < 0 || position < broken) {
      scores[item.slot] = result.ok ? result.score : failureValue;
      return;
    }
    const reason = results[broken] as { code: SandboxErrorCode; message: string };
    scores[item.slot] = failureValue;
    failures.push({
      index: item.index,
      code: reason.code,
      message: `the judge could not score this solution's output of instance ${items[broken]!.index}: ${reason.message}`,
    });
  });
  return broken >= 0;
}

/**
 * u(solution): the judge generates instances from `seed` in its own process, the solution answers
 * each in another, the host relays and scores. Throws JudgeError only when the trusted judge fails.
 */
export async function evaluateSolution(options: EvaluateSolutionOptions): Promise<SolutionEvaluation> {
  const started = Date.now();
  const pool = options.pool === undefined ? installedSandboxPool() : (options.pool ?? undefined);
  // The judge lives as long as the whole evaluation may take.
  const lifetimeMs =
    2 * SANDBOX_LIMITS.judgeTimeoutMs +
    SANDBOX_LIMITS.solutionLoadTimeoutMs +
    options.count * (options.timeoutMsPerInstance + 2 * SANDBOX_LIMITS.solutionLoadTimeoutMs);
  let index = 0;
  let instanceCount = options.count;
  // The judge first (from the pool, at once): the solution's process is then forked holding its instances.
  const lease = await acquireJudge(options, lifetimeMs, pool);
  const { judge, instances, dataset } = lease.value;
  const solution = new Solution(options, () => instanceCount - index, pool ? (launch) => pool.launch(launch) : launchSandbox, dataset);
  let judgeHealthy = false;
  let stopping: Promise<unknown> | undefined;
  try {
    instanceCount = instances.length;
    const scores: number[] = [];
    const failures: SolutionFailure[] = [];
    const rules = options.scoring ?? PER_INSTANCE_RULES;
    const failureValue = clamp01(options.failureValue);
    let fatal: SolutionFailure | undefined;
    let timeoutsInARow = 0;
    const toScore: ScoreItem[] = [];
    const { calls } = lease.value;
    await solution.begin();
    solution.sendAhead(0, calls);
    const loadFailure = await solution.load();
    for (; index < instances.length; index++) {
      if (options.signal?.aborted) {
        judgeHealthy = true;
        throw new JudgeError('the evaluation was cancelled', SandboxErrorCode.Cancelled);
      }
      if (loadFailure && !loadFailure.ok) {
        // A program that does not load scores the failure value, whatever the rules say about calls.
        scores.push(failureValue);
        failures.push({ index, code: toErrorCode(loadFailure.code), message: loadFailure.message });
        continue;
      }
      if (timeoutsInARow >= SANDBOX_LIMITS.maxConsecutiveTimeouts) {
        scores.push(clamp01(rules.instanceFailureValue));
        failures.push({
          index,
          code: SandboxErrorCode.Timeout,
          message: `not run: the solution exceeded its time limit on ${timeoutsInARow} instances in a row`,
        });
        continue;
      }
      const answer = await relay(() => solution.answer(index, calls), 'relaying the solution\'s answer');
      if (answer.ok) {
        timeoutsInARow = 0;
        toScore.push({ index, output: answer.output, slot: scores.length });
        scores.push(failureValue);
        continue;
      }
      const failure = { index, code: toErrorCode(answer.code), message: answer.message };
      failures.push(failure);
      const kind = answer.code === SandboxErrorCode.Timeout ? 'timeout' : 'exception';
      const unscorable = answer.unscorable === true;
      if (!unscorable && isFatal(rules, kind)) {
        fatal = failure;
        index += 1;
        break;
      }
      timeoutsInARow = kind === 'timeout' ? timeoutsInARow + 1 : 0;
      // A value that could not be passed on is a malformed answer: the judge scores such answers 0.
      scores.push(unscorable ? 0 : clamp01(rules.instanceFailureValue));
    }
    // The solution's process ends (or is killed) while the judge scores.
    stopping = solution.stop();
    judgeHealthy = !(await scoreAll(judge, toScore, scores, failures, failureValue));
    // Outputs on which the reference's scorer raises count as the solution's exception (the reference's rule).
    for (const item of toScore) {
      if (scores[item.slot] !== REFERENCE_RAISES) continue;
      const failure = { index: item.index, code: SandboxErrorCode.Exception, message: 'the output is one on which the reference scorer raises (see the task description)' };
      failures.push(failure);
      scores[item.slot] = clamp01(rules.instanceFailureValue);
      if (!fatal && isFatal(rules, 'exception')) fatal = failure;
    }
    failures.sort((a, b) => a.index - b.index);
    const utility = loadFailure && !loadFailure.ok ? Math.max(rules.floor, failureValue) : combineScores(rules, scores, fatal !== undefined, failureValue);
    return {
      utility: clamp01(utility),
      scores,
      failures,
      durationMs: Date.now() - started,
      programCpuMs: solution.cpuMs,
      ...(fatal ? { fatal } : {}),
    };
  } finally {
    // A judge that failed (or whose state is unknown) is never reused.
    await Promise.all([lease.release(judgeHealthy), stopping ?? solution.stop()]);
  }
}

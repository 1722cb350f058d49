import 'server-only';
import type { ModelChoice } from '@/lib/runs/config';
import { Limiter } from '@/lib/limiter';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { OPENAI_DEFAULT_BASE_URL, openAiBackend, sumResults } from './backends/openai';
import { LmCallFailedError, type CompletionResult, type ModelBackend, type ScriptedBackendFactory } from './backends/types';
import { separateAnswers } from './gateway-answers';
import { hash32, requestKey } from './hash';
import { costUsd, DEFAULT_MODEL_PRICES, matchPrice, type ModelPrice } from './prices';
import { configuredLmConcurrency, configuredProvider } from './provider';
import type { LmCallRecord, LmCallRecorder, RecordedRequest, StoredLmCall } from './record';
import { loadReplayRecord, type ReplayRecord } from './replay';
import { createSession, type CappedRequest, type SessionLimits } from './session';
import { LmSpendCapError, RESERVED_ANSWER_TOKENS, type LmSpend, type SpendGuard, type SpendReservation } from './spend-guard';
import { estimateTokens } from './tokens';
import { LmRequestError, type LanguageModelSession } from './types';

export type { LmCallRecord, RecordedRequest } from './record';

export interface GatewayOptions {
  choice: ModelChoice;
  runId: string;
  /** Seed of the run: the scripted model's seed and the `seed` sent with every request. */
  seed?: number;
  /** Where calls are recorded and prices found (null: nowhere, onCall only; prices are the defaults). */
  recorder: LmCallRecorder | null;
  /** The run's spend cap: every live request reserves its most before it is sent. */
  spend?: SpendGuard;
  /** Concurrent HTTP requests of this gateway (default 8). */
  concurrency?: number;
  /** Per HTTP request (default 120 s). */
  timeoutMs?: number;
  /** Retries per HTTP request on 429, 5xx, network errors, timeouts and malformed bodies (default 6). */
  maxRetries?: number;
  backoff?: BackoffOptions;
  /** Completion token limit per answer (default: none sent unless a spend cap binds; then RESERVED_ANSWER_TOKENS). */
  maxCompletionTokens?: number;
  /** The scripted model's backend (lib/scripted-model `scriptedBackend`); required when `choice` is scripted. */
  scripted?: ScriptedBackendFactory;
  onCall?: (record: LmCallRecord) => void;
}

export interface GatewayStats {
  calls: number;
  failedCalls: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface LmGateway {
  readonly provider: 'scripted' | 'openai' | 'replay';
  session(options: SessionLimits & { stepKey: string }): LanguageModelSession;
  stats(): GatewayStats;
  /** Cancels calls in flight; later calls fail with code 'cancelled'. */
  close(): Promise<void>;
}

type Answerer =
  | { kind: 'live'; backend: ModelBackend; price: Promise<ModelPrice | undefined> }
  | { kind: 'replay'; record: Promise<ReplayRecord> };

/** One call being answered: what it asks, under which key, and what is recorded of it in any case. */
interface PendingCall {
  callIndex: number;
  key: string;
  ordinal: number;
  request: RecordedRequest;
  base: Pick<StoredLmCall, 'runId' | 'stepKey' | 'requestKey' | 'ordinal' | 'model' | 'n' | 'request'>;
}

function scriptedFrom(options: GatewayOptions): ModelBackend {
  if (!options.scripted) throw new Error('the scripted model was chosen, but the gateway was given no scripted backend (lib/scripted-model/backend.ts)');
  return options.scripted({ seed: options.seed ?? 0, model: options.choice.model });
}

function createAnswerer(options: GatewayOptions): Answerer {
  const { choice, recorder } = options;
  if (choice.provider === 'replay') {
    const record = recorder
      ? loadReplayRecord(choice.replayRunId, recorder)
      : Promise.reject(new LmRequestError('replay needs the database that holds the recorded run', 'replay_miss'));
    record.catch(() => undefined);
    return { kind: 'replay', record };
  }
  const backend =
    choice.provider === 'scripted'
      ? scriptedFrom(options)
      : openAiBackend({
          model: choice.model,
          baseUrl: choice.baseUrl ?? configuredProvider().baseUrl ?? OPENAI_DEFAULT_BASE_URL,
          timeoutMs: options.timeoutMs ?? 120_000,
          maxRetries: options.maxRetries ?? 6,
          backoff: options.backoff ?? DEFAULT_BACKOFF,
          semaphore: new Limiter(options.concurrency ?? configuredLmConcurrency()),
        });
  // The scripted model is free by default; a model_prices entry for it gives it a price (tests of caps).
  const price = recorder ? recorder.price(backend.model) : Promise.resolve(matchPrice(backend.model, DEFAULT_MODEL_PRICES));
  return { kind: 'live', backend, price };
}

/** The completion token limit sent per answer: the run's own, else the reserved one when a cap binds. */
function answerTokenLimit(options: GatewayOptions): number | undefined {
  return options.maxCompletionTokens ?? (options.spend?.bounded ? RESERVED_ANSWER_TOKENS : undefined);
}

/**
 * The most a request can cost: every message's n answers at the token limit, and its prompt once per
 * answer (servers that do not answer n > 1 get n requests).
 */
export function mostRequestCost(request: RecordedRequest, answerTokens: number, price: ModelPrice | undefined): LmSpend {
  const promptTokens = request.messages.reduce((sum, message) => sum + estimateTokens(request.expertise + message), 0);
  const prompt = promptTokens * request.n;
  const completion = request.messages.length * request.n * answerTokens;
  return { tokens: prompt + completion, costUsd: costUsd(price, prompt, completion) };
}

function reserve(options: GatewayOptions, request: RecordedRequest, price: ModelPrice | undefined): SpendReservation | undefined {
  if (!options.spend) return undefined;
  const reservation = options.spend.reserve(mostRequestCost(request, options.maxCompletionTokens ?? RESERVED_ANSWER_TOKENS, price));
  if ('refused' in reservation) throw new LmSpendCapError(reservation.refused);
  return reservation;
}

/** The gateway's record keeping: every call stored (when there is a recorder), counted and announced. */
interface CallBook {
  totals: GatewayStats;
  store(call: StoredLmCall, source: LmCallRecord['source']): Promise<LmCallRecord>;
  account(record: LmCallRecord): LmCallRecord;
}

function createCallBook(options: GatewayOptions): CallBook {
  const totals: GatewayStats = { calls: 0, failedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  let localIds = 0;
  const account = (record: LmCallRecord): LmCallRecord => {
    totals.calls += 1;
    if (record.error) totals.failedCalls += 1;
    totals.retries += record.retries;
    totals.promptTokens += record.promptTokens;
    totals.completionTokens += record.completionTokens;
    if (record.source === 'model') totals.costUsd += record.costUsd;
    options.onCall?.(record);
    return record;
  };
  return {
    totals,
    account,
    async store(call, source) {
      let id = (localIds += 1);
      if (options.recorder) {
        const stored = await options.recorder.store(call);
        if (stored === undefined)
          throw new Error(`call ${call.requestKey}#${call.ordinal} of run ${call.runId} was already recorded`);
        id = stored;
      }
      return account({ ...call, id, source });
    },
  };
}

/** What every call of one gateway shares. */
interface GatewayState {
  options: GatewayOptions;
  answerer: Answerer;
  book: CallBook;
  /** Occurrences so far of each request key (identical requests are told apart by their ordinal). */
  ordinals: Map<string, number>;
}

async function pendingCall(state: GatewayState, stepKey: string, callIndex: number, capped: CappedRequest): Promise<PendingCall> {
  const { answerer, ordinals, options } = state;
  const model = answerer.kind === 'live' ? answerer.backend.model : (await answerer.record).model;
  const { expertise, messages, n, temperature } = capped;
  const key = requestKey({ stepKey, callIndex, model, expertise, messages, n, temperature });
  const ordinal = ordinals.get(key) ?? 0;
  ordinals.set(key, ordinal + 1);
  const request: RecordedRequest = {
    expertise,
    messages,
    n,
    temperature,
    requested_n: capped.requestedN,
    requested_messages: capped.requestedMessages,
    seed: hash32('lm-call-seed', options.seed ?? 0, key, ordinal),
  };
  return { callIndex, key, ordinal, request, base: { runId: options.runId, stepKey, requestKey: key, ordinal, model, n, request } };
}

async function fromReplay(book: CallBook, call: PendingCall, record: ReplayRecord): Promise<string[]> {
  const recorded = record.lookup(call.key, call.ordinal);
  if (!recorded) {
    throw new LmRequestError(
      `replay miss: the recorded run has no answer for call #${call.callIndex} of step "${call.base.stepKey}" (request ${call.key.slice(0, 12)}…, occurrence ${call.ordinal}); the replaying run asks something the recorded run never did, so its code, configuration or seed differ`,
      'replay_miss',
    );
  }
  const { responses, promptTokens, completionTokens, error, meta } = recorded;
  await book.store({ ...call.base, provider: 'replay', responses, promptTokens, completionTokens, costUsd: 0, latencyMs: 0, retries: 0, error, meta }, 'replay');
  // A call that failed when recorded fails again, so that the improver sees what it saw then.
  if (error) throw new LmRequestError(`replayed failure: ${error}`, 'provider_error');
  return responses;
}

async function answerLive(options: GatewayOptions, backend: ModelBackend, request: RecordedRequest, signal: AbortSignal): Promise<CompletionResult> {
  const parts = await Promise.all(
    request.messages.map((message, index) =>
      backend.complete(
        {
          system: request.expertise,
          message,
          n: request.n,
          temperature: request.temperature,
          seed: hash32(request.seed, index),
          maxTokens: answerTokenLimit(options),
        },
        signal,
      ),
    ),
  );
  return sumResults(parts);
}

/** A live answer: reserved against the spend cap, asked, settled with its real usage, and recorded. */
async function fromModel(state: GatewayState, call: PendingCall, live: Extract<Answerer, { kind: 'live' }>, signal: AbortSignal): Promise<string[]> {
  const { options, book } = state;
  const { backend } = live;
  const price = await live.price;
  const reservation = reserve(options, call.request, price);
  const started = Date.now();
  const provider = backend.provider;
  let result: CompletionResult;
  try {
    result = await answerLive(options, backend, call.request, signal);
  } catch (error) {
    reservation?.settle({ costUsd: 0, tokens: 0 });
    const failure = error instanceof LmRequestError ? error : new LmRequestError(error instanceof Error ? error.message : String(error), 'provider_error');
    if (failure.code !== 'cancelled') {
      const retries = error instanceof LmCallFailedError ? error.retries : 0;
      const latencyMs = Date.now() - started;
      await book.store({ ...call.base, provider, responses: [], promptTokens: 0, completionTokens: 0, costUsd: 0, latencyMs, retries, error: failure.message, meta: null }, 'model');
    }
    throw failure;
  }
  const { responses, meta } = separateAnswers(result);
  const { promptTokens, completionTokens } = result;
  const cost = costUsd(price, promptTokens, completionTokens);
  reservation?.settle({ costUsd: cost, tokens: promptTokens + completionTokens });
  const latencyMs = Date.now() - started;
  await book.store({ ...call.base, provider, responses, meta, promptTokens, completionTokens, costUsd: cost, latencyMs, retries: result.retries, error: null }, 'model');
  return responses;
}

/**
 * The language-model gateway of one run: sessions with host-side budgets, the model behind them
 * (scripted, an OpenAI-compatible server, or a recorded run), a spend cap checked before every
 * request, and a record of every call.
 */
export function createGateway(options: GatewayOptions): LmGateway {
  const lifetime = new AbortController();
  const state: GatewayState = { options, answerer: createAnswerer(options), book: createCallBook(options), ordinals: new Map() };

  async function call(stepKey: string, callIndex: number, capped: CappedRequest, callerSignal?: AbortSignal): Promise<string[]> {
    if (lifetime.signal.aborted) throw new LmRequestError('the language-model gateway of this run is closed', 'cancelled');
    const signal = callerSignal ? AbortSignal.any([callerSignal, lifetime.signal]) : lifetime.signal;
    const next = await pendingCall(state, stepKey, callIndex, capped);
    const earlier = options.recorder ? await options.recorder.findAnswered(options.runId, next.key, next.ordinal) : undefined;
    if (earlier) return state.book.account({ ...earlier, source: 'record' }).responses;
    const { answerer } = state;
    if (answerer.kind === 'replay') return fromReplay(state.book, next, await answerer.record);
    return fromModel(state, next, answerer, signal);
  }

  return {
    provider: options.choice.provider,
    session: ({ stepKey, budget, maxResponsesPerCall }) =>
      createSession({ budget, maxResponsesPerCall }, (callIndex, request, signal) => call(stepKey, callIndex, request, signal)),
    stats: () => ({ ...state.book.totals }),
    async close() {
      lifetime.abort(new LmRequestError('the language-model gateway of this run is closed', 'cancelled'));
    },
  };
}

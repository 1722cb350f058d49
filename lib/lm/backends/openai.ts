import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { env } from '@/lib/env';
import { parseRetryAfter, type BackoffOptions } from '../backoff';
import { hash32 } from '../hash';
import { RetriesExhaustedError, withRetries, type RetryDecision } from '../retry';
import type { Limiter } from '@/lib/limiter';
import { checkUsage } from '../usage';
import { boundedFetch, isResponseTooLarge, MAX_RESPONSE_BYTES } from './bounded-fetch';
import { LmCallFailedError, type CompletionRequest, type CompletionResult, type ModelBackend } from './types';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAiBackendOptions {
  model: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffOptions;
  semaphore: Limiter;
}

/** A body that is not a chat completion (truncated JSON, wrong shape): retried like a 5xx. */
class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

/** Servers (by base URL and model) known to refuse or ignore n > 1, process-wide. */
const singleSampleServers = new Set<string>();
/** Servers that take only the default temperature (reasoning models), process-wide. */
const defaultTemperatureServers = new Set<string>();
/** Servers that refuse max_tokens and want max_completion_tokens, process-wide. */
const completionTokenServers = new Set<string>();

export function serverRefusesMultipleSamples(baseUrl: string, model: string): boolean {
  return singleSampleServers.has(`${baseUrl} ${model}`);
}

export function serverTakesOnlyDefaultTemperature(baseUrl: string, model: string): boolean {
  return defaultTemperatureServers.has(`${baseUrl} ${model}`);
}

/**
 * The configured key goes only to the configured server: a run that names another base URL (a
 * local vLLM, the scripted server) gets a placeholder, so the key never leaks to an arbitrary host.
 */
function apiKeyFor(baseUrl: string): string {
  const configured = (env.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  return env.OPENAI_API_KEY && baseUrl.replace(/\/+$/, '') === configured ? env.OPENAI_API_KEY : 'no-key';
}

function classify(error: unknown): RetryDecision {
  if (error instanceof APIUserAbortError || isResponseTooLarge(error)) return { retry: false };
  if (error instanceof APIConnectionError) return { retry: true };
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return { retry: retryable, retryAfterMs: retryable ? parseRetryAfter(error.headers) : undefined };
  }
  if (error instanceof MalformedResponseError || error instanceof SyntaxError) return { retry: true };
  return { retry: false };
}

/** A 400/422 that blames the `n` parameter. */
function refusesMultipleSamples(error: unknown): boolean {
  if (!(error instanceof RetriesExhaustedError) || !(error.lastError instanceof APIError)) return false;
  const apiError = error.lastError;
  if (apiError.status !== 400 && apiError.status !== 422) return false;
  const param = (apiError.error as { param?: unknown } | undefined)?.param;
  return param === 'n' || /\bn\b|n_responses|multiple (choices|completions)/i.test(apiError.message);
}

/** The request parameter a 400 blames (`temperature`, `max_tokens` …), from the error body or message. */
function blamedParameter(error: unknown): string | undefined {
  if (!(error instanceof RetriesExhaustedError) || !(error.lastError instanceof APIError)) return undefined;
  const apiError = error.lastError;
  if (apiError.status !== 400 && apiError.status !== 422) return undefined;
  const param = (apiError.error as { param?: unknown } | undefined)?.param;
  if (typeof param === 'string') return param;
  if (/'?temperature'? .*(not supported|unsupported|only the default)/i.test(apiError.message)) return 'temperature';
  if (/max_tokens.*max_completion_tokens/i.test(apiError.message)) return 'max_tokens';
  return undefined;
}

/** A 400 saying the prompt does not fit the model's context window. */
function contextLengthExceeded(error: unknown): boolean {
  const last = error instanceof RetriesExhaustedError ? error.lastError : error;
  if (!(last instanceof APIError) || (last.status !== 400 && last.status !== 413)) return false;
  return last.code === 'context_length_exceeded' || /maximum context length|context window|too many tokens/i.test(last.message);
}

function failure(error: unknown, baseUrl: string, aborted: boolean): LmCallFailedError {
  const exhausted = error instanceof RetriesExhaustedError ? error : new RetriesExhaustedError(error, 0);
  const last = exhausted.lastError;
  if (!aborted && contextLengthExceeded(exhausted)) {
    return new LmCallFailedError(
      `the prompt does not fit the model's context window (${baseUrl}): ${last instanceof Error ? last.message : String(last)}`,
      'context_length',
      exhausted.retries,
    );
  }
  if (!aborted && isResponseTooLarge(last)) {
    return new LmCallFailedError(
      `model request failed: response_too_large (the answer was longer than ${MAX_RESPONSE_BYTES} bytes; reading stopped there)`,
      'response_too_large',
      exhausted.retries,
    );
  }
  const code =
    aborted || last instanceof APIUserAbortError
      ? 'cancelled'
      : last instanceof APIConnectionTimeoutError
        ? 'timeout'
        : 'provider_error';
  const status = last instanceof APIError && last.status ? ` (HTTP ${last.status})` : '';
  const detail = last instanceof Error ? last.message : String(last);
  const tries = exhausted.retries > 0 ? ` after ${exhausted.retries} retries` : '';
  // The server's URL and its error body stay in the server log: what is stored (and shown, also to holders
  // of a share link, and to the improver in the sandbox) is a short code, never text the provider chose.
  console.warn(`[lm] request to ${baseUrl} failed${tries}${status}: ${detail.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 500)}`);
  return new LmCallFailedError(`model request failed${tries}${status}: ${code}`, code, exhausted.retries);
}

/** Several partial results as one (responses in order, tokens and retries summed, notes merged). */
export function sumResults(parts: CompletionResult[], adaptations: string[] = []): CompletionResult {
  return {
    responses: parts.flatMap((part) => part.responses),
    promptTokens: parts.reduce((sum, part) => sum + part.promptTokens, 0),
    completionTokens: parts.reduce((sum, part) => sum + part.completionTokens, 0),
    retries: parts.reduce((sum, part) => sum + part.retries, 0),
    reasoning: parts.flatMap((part) => part.reasoning ?? part.responses.map(() => null)),
    finishReasons: parts.flatMap((part) => part.finishReasons ?? part.responses.map(() => 'stop')),
    reasoningTokens: parts.reduce((sum, part) => sum + (part.reasoningTokens ?? 0), 0),
    adaptations: [...new Set([...adaptations, ...parts.flatMap((part) => part.adaptations ?? [])])],
    ...(parts.some((part) => part.usageNotes?.length) ? { usageNotes: [...new Set(parts.flatMap((part) => part.usageNotes ?? []))] } : {}),
    ...(parts.find((part) => part.reportedUsage) ? { reportedUsage: parts.find((part) => part.reportedUsage)!.reportedUsage } : {}),
    ...(parts.some((part) => part.scriptedImperfections)
      ? { scriptedImperfections: parts.flatMap((part) => part.scriptedImperfections ?? part.responses.map(() => null)) }
      : {}),
  };
}

/** `reasoning_content` (DeepSeek, vLLM) or `reasoning` (OpenRouter, Ollama) of a choice's message. */
function separateReasoning(message: unknown): string | null {
  if (!message || typeof message !== 'object') return null;
  const fields = message as { reasoning_content?: unknown; reasoning?: unknown };
  const value = fields.reasoning_content ?? fields.reasoning;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** One server (base URL and model) as this backend talks to it. */
interface Server {
  options: OpenAiBackendOptions;
  /** `baseUrl model`: what the process-wide adaptation sets are keyed by. */
  key: string;
  client: OpenAI;
}

type ChatCompletion = OpenAI.Chat.Completions.ChatCompletion;

/** One HTTP request with n samples, as the server is known to want it. */
async function createCompletion(
  server: Server,
  request: CompletionRequest,
  n: number,
  seed: number,
  signal?: AbortSignal,
): Promise<ChatCompletion> {
  const completion = await server.client.chat.completions.create(
    {
      model: server.options.model,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.message },
      ],
      n,
      ...(defaultTemperatureServers.has(server.key) ? {} : { temperature: request.temperature }),
      ...(request.maxTokens === undefined
        ? {}
        : completionTokenServers.has(server.key)
          ? { max_completion_tokens: request.maxTokens }
          : { max_tokens: request.maxTokens }),
      seed,
    },
    { signal },
  );
  if (!completion || !Array.isArray(completion.choices) || completion.choices.length === 0) {
    throw new MalformedResponseError('the server answered with no choices');
  }
  return completion;
}

/** A completion as a result, its usage checked against the text sent and received. */
function resultOf(value: ChatCompletion, request: CompletionRequest, retries: number): CompletionResult {
  const responses = value.choices.map((choice) => (typeof choice.message?.content === 'string' ? choice.message.content : ''));
  const reasoning = value.choices.map((choice) => separateReasoning(choice.message));
  const usage = checkUsage(value.usage, {
    prompt: request.system + request.message,
    answers: responses,
    reasoning,
    maxTokensPerAnswer: request.maxTokens,
  });
  return {
    responses,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    retries,
    reasoning,
    finishReasons: value.choices.map((choice) => (typeof choice.finish_reason === 'string' ? choice.finish_reason : 'stop')),
    reasoningTokens: usage.reasoningTokens,
    ...(usage.note ? { usageNotes: [usage.note], reportedUsage: usage.reported } : {}),
  };
}

async function requestOnce(
  server: Server,
  request: CompletionRequest,
  n: number,
  seed: number,
  signal?: AbortSignal,
): Promise<CompletionResult> {
  const { options } = server;
  const { value, retries } = await withRetries(
    () => options.semaphore.run(() => createCompletion(server, request, n, seed, signal)),
    { maxRetries: options.maxRetries, backoff: options.backoff, classify, signal },
  );
  return resultOf(value, request, retries);
}

/** What this server is known to need, in words, for the record. */
function adaptations(server: Server, request: CompletionRequest): string[] {
  const notes: string[] = [];
  if (defaultTemperatureServers.has(server.key))
    notes.push(`temperature ${request.temperature} not applied: the model accepts only its default`);
  if (request.maxTokens !== undefined && completionTokenServers.has(server.key))
    notes.push('token limit sent as max_completion_tokens (the model refuses max_tokens)');
  if (request.n > 1 && singleSampleServers.has(server.key))
    notes.push(`n = ${request.n} sent as ${request.n} requests of n = 1 (the server does not answer n > 1)`);
  return notes;
}

function singles(server: Server, request: CompletionRequest, count: number, signal?: AbortSignal): Promise<CompletionResult[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => requestOnce(server, request, 1, hash32(request.seed, 'single', index), signal)),
  );
}

/** n answers: natively, or one request each from servers that refuse or ignore n > 1. */
async function answer(server: Server, request: CompletionRequest, signal?: AbortSignal): Promise<CompletionResult> {
  if (request.n === 1) return sumResults([await requestOnce(server, request, 1, request.seed, signal)]);
  if (singleSampleServers.has(server.key)) return sumResults(await singles(server, request, request.n, signal));
  let native: CompletionResult;
  try {
    native = await requestOnce(server, request, request.n, request.seed, signal);
  } catch (error) {
    if (!refusesMultipleSamples(error)) throw error;
    singleSampleServers.add(server.key);
    return sumResults(await singles(server, request, request.n, signal));
  }
  if (native.responses.length >= request.n) return native;
  // Some servers silently answer n > 1 with a single choice: fetch the rest one by one.
  singleSampleServers.add(server.key);
  return sumResults([native, ...(await singles(server, request, request.n - native.responses.length, signal))]);
}

/** Learns a parameter the server refused (once per server); true when the request should be sent again. */
function learnRefusal(server: Server, error: unknown, adapted: number): boolean {
  const param = adapted < 2 ? blamedParameter(error) : undefined;
  const learnt = param === 'temperature' ? defaultTemperatureServers : param === 'max_tokens' ? completionTokenServers : undefined;
  if (!learnt || learnt.has(server.key)) return false;
  learnt.add(server.key);
  return true;
}

/**
 * An OpenAI-compatible chat-completions server through the `openai` client. The client's own retries
 * are off: retries, backoff, the concurrency limit and the n > 1 fallback are done here. Response
 * bodies are read as streams and cut at MAX_RESPONSE_BYTES; reported usage is checked (lib/lm/usage.ts).
 */
export function openAiBackend(options: OpenAiBackendOptions): ModelBackend {
  const server: Server = {
    options,
    key: `${options.baseUrl} ${options.model}`,
    client: new OpenAI({
      apiKey: apiKeyFor(options.baseUrl),
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      maxRetries: 0,
      fetch: boundedFetch(),
    }),
  };
  return {
    provider: 'openai',
    model: options.model,
    async complete(request, signal) {
      // A refused temperature or max_tokens is learnt once per server; then the request is sent again.
      for (let adapted = 0; ; adapted += 1) {
        try {
          return sumResults([await answer(server, request, signal)], adaptations(server, request));
        } catch (error) {
          if (learnRefusal(server, error, adapted)) continue;
          throw failure(error, options.baseUrl, signal?.aborted ?? false);
        }
      }
    },
  };
}

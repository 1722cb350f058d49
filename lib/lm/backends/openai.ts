import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { env } from '@/lib/env';
import { parseRetryAfter, type BackoffOptions } from '../backoff';
import { hash32 } from '../hash';
import { RetriesExhaustedError, withRetries, type RetryDecision } from '../retry';
import type { Limiter } from '@/lib/limiter';
import { estimateTokens } from '../tokens';
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
  if (error instanceof APIUserAbortError) return { retry: false };
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

/**
 * An OpenAI-compatible chat-completions server through the `openai` client. The client's own retries
 * are off: retries, backoff, the concurrency limit and the n > 1 fallback are done here.
 */
export function openAiBackend(options: OpenAiBackendOptions): ModelBackend {
  const { model, baseUrl } = options;
  const serverKey = `${baseUrl} ${model}`;
  const client = new OpenAI({
    apiKey: apiKeyFor(baseUrl),
    baseURL: baseUrl,
    timeout: options.timeoutMs,
    maxRetries: 0,
  });

  async function requestOnce(
    request: CompletionRequest,
    n: number,
    seed: number,
    signal?: AbortSignal,
  ): Promise<CompletionResult> {
    const { value, retries } = await withRetries(
      () =>
        options.semaphore.run(async () => {
          const completion = await client.chat.completions.create(
            {
              model,
              messages: [
                { role: 'system', content: request.system },
                { role: 'user', content: request.message },
              ],
              n,
              ...(defaultTemperatureServers.has(serverKey) ? {} : { temperature: request.temperature }),
              ...(request.maxTokens === undefined
                ? {}
                : completionTokenServers.has(serverKey)
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
        }),
      { maxRetries: options.maxRetries, backoff: options.backoff, classify, signal },
    );
    const responses = value.choices.map((choice) => choice.message?.content ?? '');
    const reasoning = value.choices.map((choice) => separateReasoning(choice.message));
    const reasoningTokens =
      value.usage?.completion_tokens_details?.reasoning_tokens ??
      reasoning.reduce((sum, text) => sum + (text ? estimateTokens(text) : 0), 0);
    return {
      responses,
      promptTokens: value.usage?.prompt_tokens ?? estimateTokens(request.system + request.message),
      completionTokens:
        value.usage?.completion_tokens ??
        responses.reduce((sum, text) => sum + estimateTokens(text), 0) + reasoningTokens,
      retries,
      reasoning,
      finishReasons: value.choices.map((choice) => choice.finish_reason ?? 'stop'),
      reasoningTokens,
    };
  }

  /** What this server is known to need, in words, for the record. */
  function adaptations(request: CompletionRequest): string[] {
    const notes: string[] = [];
    if (defaultTemperatureServers.has(serverKey))
      notes.push(`temperature ${request.temperature} not applied: the model accepts only its default`);
    if (request.maxTokens !== undefined && completionTokenServers.has(serverKey))
      notes.push('token limit sent as max_completion_tokens (the model refuses max_tokens)');
    if (request.n > 1 && singleSampleServers.has(serverKey))
      notes.push(`n = ${request.n} sent as ${request.n} requests of n = 1 (the server does not answer n > 1)`);
    return notes;
  }

  function singles(
    request: CompletionRequest,
    count: number,
    signal?: AbortSignal,
  ): Promise<CompletionResult[]> {
    return Promise.all(
      Array.from({ length: count }, (_, index) =>
        requestOnce(request, 1, hash32(request.seed, 'single', index), signal),
      ),
    );
  }

  async function answer(request: CompletionRequest, signal?: AbortSignal): Promise<CompletionResult> {
    if (request.n === 1 || singleSampleServers.has(serverKey)) {
      return sumResults(
        request.n === 1
          ? [await requestOnce(request, 1, request.seed, signal)]
          : await singles(request, request.n, signal),
      );
    }
    let native: CompletionResult;
    try {
      native = await requestOnce(request, request.n, request.seed, signal);
    } catch (error) {
      if (!refusesMultipleSamples(error)) throw error;
      singleSampleServers.add(serverKey);
      return sumResults(await singles(request, request.n, signal));
    }
    if (native.responses.length >= request.n) return native;
    // Some servers silently answer n > 1 with a single choice: fetch the rest one by one.
    singleSampleServers.add(serverKey);
    return sumResults([native, ...(await singles(request, request.n - native.responses.length, signal))]);
  }

  return {
    provider: 'openai',
    model,
    async complete(request, signal) {
      // A refused temperature or max_tokens is learnt once per server; then the request is sent again.
      for (let adapted = 0; ; adapted += 1) {
        try {
          const result = await answer(request, signal);
          return sumResults([result], adaptations(request));
        } catch (error) {
          const param = adapted < 2 ? blamedParameter(error) : undefined;
          if (param === 'temperature' && !defaultTemperatureServers.has(serverKey)) {
            defaultTemperatureServers.add(serverKey);
            continue;
          }
          if (param === 'max_tokens' && !completionTokenServers.has(serverKey)) {
            completionTokenServers.add(serverKey);
            continue;
          }
          throw failure(error, baseUrl, signal?.aborted ?? false);
        }
      }
    },
  };
}

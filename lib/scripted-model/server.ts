import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TaskDefinition } from '@/lib/tasks/types';
import { hashParts } from '@/lib/lm/hash';
import { estimateTokens } from '@/lib/lm/tokens';
import { createScriptedModel, type ScriptedModel } from './model';
import { isScriptedProfile, SCRIPTED_MODEL_NAMES, type ImperfectKind, type ScriptedModelName } from './profiles';
import { plannedLatencyMs, WindowRateLimiter, type ServerQuirks } from './quirks';
import { seededRandom } from './random';

export interface ScriptedServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Added before every answer. */
  latencyMs?: number;
  /** Probability in [0, 1] that a request gets an injected fault instead of an answer. */
  faultRate?: number;
  seed?: number;
  tasks?: readonly TaskDefinition[];
  /** What a 429 asks the client to wait (sent as retry-after-ms and as Retry-After seconds). */
  retryAfterMs?: number;
  /** When false, requests with n > 1 are refused with 400 (as some servers do); same as quirks.n = 'reject'. */
  supportsN?: boolean;
  /** Largest n answered natively. */
  maxN?: number;
  /** The model answering requests that name no scripted model (default `scripted`). */
  model?: ScriptedModelName;
  /** Real servers' behaviours, each switchable. */
  quirks?: ServerQuirks;
  /** Overrides of the profiles' imperfect-answer rates. */
  imperfect?: Partial<Record<ImperfectKind, number>>;
  /** A hostile server's behaviours (tests of the gateway's defences). */
  hostile?: HostileBehaviour;
}

export interface HostileBehaviour {
  /** The usage reported with every answer: negative, absurdly large, zero, or none at all. */
  usage?: 'negative' | 'absurd' | 'zero' | 'missing';
  /** The first `count` completions are one answer of `bytes` bytes, streamed (never held in memory). */
  hugeAnswer?: { bytes: number; count: number };
}

export type FaultKind = 'rate-limit' | 'server-error' | 'hang' | 'malformed';
const FAULT_KINDS: readonly FaultKind[] = ['rate-limit', 'server-error', 'hang', 'malformed'];

export interface ScriptedServerStats {
  requests: number;
  answered: number;
  faults: Record<FaultKind, number>;
  /** Requests refused by a quirk, by reason. */
  refused: { temperature: number; maxTokens: number; n: number; contextLength: number; rateLimit: number };
  /** Latency added by the latency profile, in total (ms). */
  plannedLatencyMs: number;
}

export interface ScriptedServer {
  url: string;
  port: number;
  stats(): ScriptedServerStats;
  close(): Promise<void>;
}

interface ChatMessage {
  role: string;
  content: unknown;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  sendJson(response, status, {
    error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', ...extra },
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
      .join('');
  }
  return '';
}

/** The server's state shared by its steps. */
interface ServerState {
  options: ScriptedServerOptions;
  quirks: ServerQuirks;
  nMode: 'native' | 'reject' | 'ignore';
  maxN: number;
  stats: ScriptedServerStats;
  rateLimiter?: WindowRateLimiter;
  latencyRandom: () => number;
  faultRandom: () => number;
  models: Map<ScriptedModelName, ScriptedModel>;
  hugeAnswersLeft: number;
}

/** A completion request as parsed and checked against the server's rules and quirks. */
interface ParsedCompletion {
  body: Record<string, unknown>;
  messages: ChatMessage[];
  n: number;
  temperature: number;
  limit: number | undefined;
  promptTokens: number;
}

interface Choice {
  content: string;
  finishReason: string;
  reasoning: string | null;
  index: number;
}

function createState(options: ScriptedServerOptions): ServerState {
  const quirks = options.quirks ?? {};
  return {
    options,
    quirks,
    nMode: options.supportsN === false ? 'reject' : (quirks.n ?? 'native'),
    maxN: options.maxN ?? 32,
    stats: {
      requests: 0,
      answered: 0,
      faults: { 'rate-limit': 0, 'server-error': 0, hang: 0, malformed: 0 },
      refused: { temperature: 0, maxTokens: 0, n: 0, contextLength: 0, rateLimit: 0 },
      plannedLatencyMs: 0,
    },
    rateLimiter: quirks.rateLimit ? new WindowRateLimiter(quirks.rateLimit) : undefined,
    latencyRandom: seededRandom('scripted-server/latency', options.seed ?? 0),
    faultRandom: seededRandom('scripted-server/faults', options.seed ?? 0),
    models: new Map(),
    hugeAnswersLeft: options.hostile?.hugeAnswer?.count ?? 0,
  };
}

function modelFor(state: ServerState, requested: unknown): ScriptedModel {
  const { options } = state;
  const name = SCRIPTED_MODEL_NAMES.find((candidate) => candidate === requested) ?? options.model ?? 'scripted';
  let model = state.models.get(name);
  if (!model) {
    model = createScriptedModel({
      seed: options.seed,
      tasks: options.tasks,
      profile: isScriptedProfile(name) ? name : undefined,
      imperfect: options.imperfect,
    });
    state.models.set(name, model);
  }
  return model;
}

function drawFault(state: ServerState): FaultKind | undefined {
  const faultRate = Math.min(1, Math.max(0, state.options.faultRate ?? 0));
  if (faultRate === 0 || state.faultRandom() >= faultRate) return undefined;
  return FAULT_KINDS[Math.floor(state.faultRandom() * FAULT_KINDS.length)];
}

function injectFault(state: ServerState, fault: FaultKind, response: ServerResponse): void {
  state.stats.faults[fault] += 1;
  const retryAfterMs = state.options.retryAfterMs ?? 1000;
  switch (fault) {
    case 'rate-limit':
      sendJson(
        response,
        429,
        { error: { message: 'scripted fault: rate limit reached', type: 'rate_limit_error', code: 'rate_limit_exceeded' } },
        { 'retry-after': String(Math.ceil(retryAfterMs / 1000)), 'retry-after-ms': String(retryAfterMs) },
      );
      return;
    case 'server-error':
      sendError(response, 500, 'scripted fault: internal server error');
      return;
    case 'hang':
      // Never answers: the client's timeout (or the server's close) ends the request.
      return;
    case 'malformed':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"chatcmpl-scripted","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis');
      return;
  }
}

/** The request's n, temperature and messages, or the 400 a real server would answer. */
function parseParameters(state: ServerState, body: Record<string, unknown>, response: ServerResponse): ParsedCompletion | undefined {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    sendError(response, 400, "'messages' must be a non-empty array", { param: 'messages' });
    return undefined;
  }
  const requestedN = body.n === undefined ? 1 : Number(body.n);
  if (!Number.isInteger(requestedN) || requestedN < 1 || requestedN > state.maxN) {
    sendError(response, 400, `'n' must be a whole number from 1 to ${state.maxN}`, { param: 'n' });
    return undefined;
  }
  if (requestedN > 1 && state.nMode === 'reject') {
    state.stats.refused.n += 1;
    sendError(response, 400, 'n > 1 is not supported by this server', { param: 'n', code: 'unsupported_value' });
    return undefined;
  }
  const temperature = body.temperature === undefined ? 1 : Number(body.temperature);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    sendError(response, 400, "'temperature' must be between 0 and 2", { param: 'temperature' });
    return undefined;
  }
  const typed = messages as ChatMessage[];
  return {
    body,
    messages: typed,
    n: state.nMode === 'ignore' ? 1 : requestedN,
    temperature,
    limit: Number(body.max_completion_tokens ?? body.max_tokens ?? 0) || undefined,
    promptTokens: estimateTokens(typed.map((message) => textOf(message.content)).join('\n')),
  };
}

/** A refusal by one of the server's quirks (reasoning model, context window, rate limit), if any. */
function refuseByQuirk(state: ServerState, parsed: ParsedCompletion, response: ServerResponse): boolean {
  const { quirks, stats } = state;
  const { temperature, limit, promptTokens, body } = parsed;
  if (quirks.reasoningModel && temperature !== 1) {
    stats.refused.temperature += 1;
    sendError(
      response,
      400,
      `Unsupported value: 'temperature' does not support ${temperature} with this model. Only the default (1) value is supported.`,
      { param: 'temperature', code: 'unsupported_value' },
    );
    return true;
  }
  if (quirks.reasoningModel && body.max_tokens !== undefined) {
    stats.refused.maxTokens += 1;
    sendError(
      response,
      400,
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      { param: 'max_tokens', code: 'unsupported_parameter' },
    );
    return true;
  }
  if (quirks.contextWindow !== undefined && promptTokens + (limit ?? 0) > quirks.contextWindow) {
    stats.refused.contextLength += 1;
    sendError(
      response,
      400,
      `This model's maximum context length is ${quirks.contextWindow} tokens. However, you requested ${promptTokens + (limit ?? 0)} tokens (${promptTokens} in the messages, ${limit ?? 0} in the completion). Please reduce the length of the messages or completion.`,
      { param: 'messages', code: 'context_length_exceeded' },
    );
    return true;
  }
  const waitMs = state.rateLimiter?.admit(promptTokens + (limit ?? 0)) ?? 0;
  if (waitMs <= 0) return false;
  stats.refused.rateLimit += 1;
  sendJson(
    response,
    429,
    { error: { message: `Rate limit reached: try again in ${waitMs} ms.`, type: 'requests', code: 'rate_limit_exceeded' } },
    { 'retry-after': String(Math.ceil(waitMs / 1000)), 'retry-after-ms': String(waitMs) },
  );
  return true;
}

/** The scripted model's answers, cut at the token limit, with reasoning where the model gives it. */
function answerChoices(state: ServerState, parsed: ParsedCompletion, system: string, user: string): { model: ScriptedModel; choices: Choice[]; promptTokens: number } {
  const model = modelFor(state, parsed.body.model);
  const completion = model.complete({
    system,
    message: user,
    n: parsed.n,
    temperature: parsed.temperature,
    seed: typeof parsed.body.seed === 'number' ? parsed.body.seed : undefined,
  });
  const { limit } = parsed;
  const choices = completion.answers.map((answer, index) => {
    const cut = limit !== undefined && estimateTokens(answer.content) > limit;
    const reasoning =
      answer.reasoning ?? (state.quirks.reasoningModel ? `Thinking about what the message asks for, then answering.` : null);
    return {
      content: cut ? answer.content.slice(0, limit * 4) : answer.content,
      finishReason: cut ? 'length' : answer.finishReason,
      reasoning,
      index,
    };
  });
  return { model, choices, promptTokens: completion.promptTokens };
}

/** The usage block as reported: true counts, or what the hostile behaviour says. */
function reportedUsage(state: ServerState, promptTokens: number, completionTokens: number, reasoningTokens: number): Record<string, unknown> | undefined {
  switch (state.options.hostile?.usage) {
    case 'missing':
      return undefined;
    case 'negative':
      return { prompt_tokens: -1_000_000, completion_tokens: -4_000_000, total_tokens: -5_000_000 };
    case 'absurd':
      return { prompt_tokens: 1e15, completion_tokens: 9.9e300, total_tokens: 9.9e300 };
    case 'zero':
      return { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    default:
      return {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        ...(reasoningTokens > 0 ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
      };
  }
}

function completionBody(model: ScriptedModel, id: string, choices: Choice[], usage: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model.name,
    system_fingerprint: 'scripted',
    choices: choices.map((choice) => ({
      index: choice.index,
      message: {
        role: 'assistant',
        content: choice.content,
        refusal: null,
        ...(choice.reasoning ? { reasoning_content: choice.reasoning } : {}),
      },
      logprobs: null,
      finish_reason: choice.finishReason,
    })),
    ...(usage ? { usage } : {}),
  };
}

/** One answer of `bytes` bytes, written chunk by chunk as the client reads (never held whole). */
async function streamHugeAnswer(response: ServerResponse, bytes: number): Promise<void> {
  const chunk = 'x'.repeat(1024 * 1024);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"id":"chatcmpl-scripted-huge","object":"chat.completion","created":0,"model":"scripted","choices":[{"index":0,"message":{"role":"assistant","content":"');
  for (let written = 0; written < bytes && !response.destroyed; written += chunk.length) {
    if (!response.write(chunk.slice(0, Math.min(chunk.length, bytes - written)))) {
      await new Promise<void>((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
    }
  }
  if (!response.destroyed) response.end('"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}');
}

async function completions(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(await readBody(request)) as Record<string, unknown>;
  } catch {
    return sendError(response, 400, 'the request body is not valid JSON');
  }
  const parsed = parseParameters(state, body, response);
  if (!parsed || refuseByQuirk(state, parsed, response)) return;
  const fault = drawFault(state);
  const arrived = performance.now();
  const latencyMs = state.options.latencyMs ?? 0;
  if (fault || state.hugeAnswersLeft > 0) {
    if (latencyMs) await sleep(latencyMs);
    if (fault) return injectFault(state, fault, response);
    state.hugeAnswersLeft -= 1;
    return streamHugeAnswer(response, state.options.hostile!.hugeAnswer!.bytes);
  }
  const textOfRole = (role: string) =>
    parsed.messages.filter((message) => message.role === role).map((message) => textOf(message.content)).join('\n');
  const system = textOfRole('system');
  const user = textOfRole('user');
  const { model, choices, promptTokens } = answerChoices(state, parsed, system, user);
  const reasoningTokens = choices.reduce((sum, choice) => sum + (choice.reasoning ? estimateTokens(choice.reasoning) : 0), 0);
  const completionTokens = choices.reduce((sum, choice) => sum + estimateTokens(choice.content), 0) + reasoningTokens;
  let delay = latencyMs;
  if (state.quirks.latency) {
    const planned = plannedLatencyMs(state.quirks.latency, completionTokens, state.latencyRandom);
    state.stats.plannedLatencyMs += planned;
    delay += planned;
  }
  // The latency counts from the request's arrival and the answer is made within it, as a real server's
  // time to answer: waiting first and computing after would add this process's own work (and that of
  // every other answer made meanwhile) to each request's latency.
  const left = delay - (performance.now() - arrived);
  if (left > 0) await sleep(left);
  state.stats.answered += 1;
  const id = `chatcmpl-scripted-${hashParts(system, user, parsed.n, parsed.temperature, body.seed ?? null).slice(0, 24)}`;
  sendJson(response, 200, completionBody(model, id, choices, reportedUsage(state, promptTokens, completionTokens, reasoningTokens)));
}

function route(state: ServerState, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://scripted.invalid');
  state.stats.requests += 1;
  if (request.method === 'GET' && url.pathname === '/v1/models') {
    return sendJson(response, 200, {
      object: 'list',
      data: SCRIPTED_MODEL_NAMES.map((id) => ({ id, object: 'model', created: 0, owned_by: 'stop-studio (scripted model)' })),
    });
  }
  if (request.method === 'POST' && url.pathname === '/v1/chat/completions') {
    completions(state, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, error instanceof Error ? error.message : String(error));
    });
    return;
  }
  sendError(response, 404, `no route for ${request.method} ${url.pathname}`);
}

/**
 * The scripted model as an OpenAI-compatible HTTP server (POST /v1/chat/completions, GET /v1/models),
 * with optional latency and injected faults: 429 with Retry-After, 500, a hang (the client's timeout
 * fires) and a malformed body. Faults are drawn from a seeded stream, so a retry is a fresh draw.
 * Hostile behaviours (false usage, a huge answer) test the gateway's defences.
 */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const host = options.host ?? '127.0.0.1';
  const state = createState(options);
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => route(state, request, response));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}/v1`,
    port,
    stats: () => structuredClone(state.stats),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

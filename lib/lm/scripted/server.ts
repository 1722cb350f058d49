import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TaskDefinition } from '@/lib/tasks/types';
import { hashParts } from '../hash';
import { SCRIPTED_MODEL_NAME } from '../provider';
import { createScriptedModel } from './model';
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
  /** When false, requests with n > 1 are refused with 400 (as some servers do). */
  supportsN?: boolean;
  /** Largest n answered natively. */
  maxN?: number;
}

export type FaultKind = 'rate-limit' | 'server-error' | 'hang' | 'malformed';
const FAULT_KINDS: readonly FaultKind[] = ['rate-limit', 'server-error', 'hang', 'malformed'];

export interface ScriptedServerStats {
  requests: number;
  answered: number;
  faults: Record<FaultKind, number>;
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

/**
 * The scripted model as an OpenAI-compatible HTTP server (POST /v1/chat/completions, GET /v1/models),
 * with optional latency and injected faults: 429 with Retry-After, 500, a hang (the client's timeout
 * fires) and a malformed body. Faults are drawn from a seeded stream, so a retry is a fresh draw.
 */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const host = options.host ?? '127.0.0.1';
  const faultRate = Math.min(1, Math.max(0, options.faultRate ?? 0));
  const retryAfterMs = options.retryAfterMs ?? 1000;
  const maxN = options.maxN ?? 32;
  const model = createScriptedModel({ seed: options.seed, tasks: options.tasks });
  const faultRandom = seededRandom('scripted-server/faults', options.seed ?? 0);
  const stats: ScriptedServerStats = {
    requests: 0,
    answered: 0,
    faults: { 'rate-limit': 0, 'server-error': 0, hang: 0, malformed: 0 },
  };
  const sockets = new Set<Socket>();

  function drawFault(): FaultKind | undefined {
    if (faultRate === 0 || faultRandom() >= faultRate) return undefined;
    return FAULT_KINDS[Math.floor(faultRandom() * FAULT_KINDS.length)];
  }

  function injectFault(fault: FaultKind, response: ServerResponse): void {
    stats.faults[fault] += 1;
    switch (fault) {
      case 'rate-limit':
        sendJson(
          response,
          429,
          {
            error: {
              message: 'scripted fault: rate limit reached',
              type: 'rate_limit_error',
              code: 'rate_limit_exceeded',
            },
          },
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
        response.end(
          '{"id":"chatcmpl-scripted","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis',
        );
        return;
    }
  }

  async function completions(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    } catch {
      return sendError(response, 400, 'the request body is not valid JSON');
    }
    const messages = body.messages;
    if (!Array.isArray(messages) || messages.length === 0)
      return sendError(response, 400, "'messages' must be a non-empty array", { param: 'messages' });
    const n = body.n === undefined ? 1 : Number(body.n);
    if (!Number.isInteger(n) || n < 1 || n > maxN)
      return sendError(response, 400, `'n' must be a whole number from 1 to ${maxN}`, { param: 'n' });
    if (n > 1 && options.supportsN === false)
      return sendError(response, 400, 'n > 1 is not supported by this server', {
        param: 'n',
        code: 'unsupported_value',
      });
    const temperature = body.temperature === undefined ? 1 : Number(body.temperature);
    if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2)
      return sendError(response, 400, "'temperature' must be between 0 and 2", { param: 'temperature' });
    const fault = drawFault();
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (fault) return injectFault(fault, response);
    const typed = messages as ChatMessage[];
    const system = typed
      .filter((message) => message.role === 'system')
      .map((message) => textOf(message.content))
      .join('\n');
    const user = typed
      .filter((message) => message.role === 'user')
      .map((message) => textOf(message.content))
      .join('\n');
    const completion = model.complete({
      system,
      message: user,
      n,
      temperature,
      seed: typeof body.seed === 'number' ? body.seed : undefined,
    });
    stats.answered += 1;
    sendJson(response, 200, {
      id: `chatcmpl-scripted-${hashParts(system, user, n, temperature, body.seed ?? null).slice(0, 24)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: SCRIPTED_MODEL_NAME,
      system_fingerprint: 'scripted',
      choices: completion.responses.map((content, index) => ({
        index,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      })),
      usage: {
        prompt_tokens: completion.promptTokens,
        completion_tokens: completion.completionTokens,
        total_tokens: completion.promptTokens + completion.completionTokens,
      },
    });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://scripted.invalid');
    stats.requests += 1;
    if (request.method === 'GET' && url.pathname === '/v1/models') {
      return sendJson(response, 200, {
        object: 'list',
        data: [
          { id: SCRIPTED_MODEL_NAME, object: 'model', created: 0, owned_by: 'stop-studio (scripted model)' },
        ],
      });
    }
    if (request.method === 'POST' && url.pathname === '/v1/chat/completions') {
      completions(request, response).catch((error: unknown) => {
        if (!response.headersSent)
          sendError(response, 500, error instanceof Error ? error.message : String(error));
      });
      return;
    }
    sendError(response, 404, `no route for ${request.method} ${url.pathname}`);
  });
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
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

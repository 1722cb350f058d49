import { isIP } from 'node:net';
import { z } from 'zod';
import { parseEndpoints } from './lm/endpoint-list';

/**
 * The one place that reads process.env. Everything else imports `env`.
 * Invalid configuration fails fast with a message naming the variable.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
  ),
  STOP_DATA_DIR: z.string().default('./data'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.string().url('OPENAI_BASE_URL must be a URL').optional()),
  STOP_MODEL: optionalString,
  /**
   * Requests in flight at once to one OpenAI-compatible server, per process. A call waits for a free slot
   * and that wait counts in its recorded latency. The paper's seed asks 6 messages per call, and a
   * meta-utility runs its k copies at once: k = 5 is 30 requests.
   */
  STOP_LM_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  STOP_ADMIN_TOKEN: optionalString.pipe(
    z
      .string()
      .min(24, 'STOP_ADMIN_TOKEN must be at least 24 characters (e.g. `openssl rand -base64 24`)')
      .max(512, 'STOP_ADMIN_TOKEN must be at most 512 characters')
      .optional(),
  ),
  /** How long a browser sign-in lasts, in seconds (default 7 days). */
  STOP_SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(400 * 24 * 3600).default(7 * 24 * 3600),
  /**
   * `Secure` on the session cookie: `auto` sets it when the request came over HTTPS (directly or, behind a
   * reverse proxy, as reported by its X-Forwarded-Proto); `always` / `never` force it.
   */
  STOP_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /**
   * The app's public origin (scheme://host[:port]) when it is served behind a reverse proxy that changes
   * the Host header; state-changing requests must come from it. Default: the request's own Host.
   */
  STOP_PUBLIC_ORIGIN: optionalString.pipe(
    z
      .string()
      .url('STOP_PUBLIC_ORIGIN must be an origin such as https://stop.example.org')
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, as IP addresses separated by
   * commas or spaces (e.g. `127.0.0.1, ::1` for nginx on the same machine). Default: none, so clients
   * are told apart by their socket address only (sign-in throttling) and forwarded headers are ignored.
   */
  STOP_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, context) => {
      const addresses = value.split(/[\s,]+/).filter((part) => part !== '').map((part) => part.toLowerCase());
      const bad = addresses.find((address) => isIP(address) === 0);
      if (bad !== undefined) {
        context.addIssue({ code: 'custom', message: `STOP_TRUSTED_PROXIES must list IP addresses; "${bad.slice(0, 60)}" is not one` });
        return z.NEVER;
      }
      return addresses.map((address) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address));
    }),
  /**
   * `1` lets scripts/server.mjs listen on a non-loopback address (HOST) although no STOP_ADMIN_TOKEN is
   * set, i.e. with everything open to the network. Without it the server refuses to start that way.
   */
  STOP_ALLOW_OPEN_NETWORK: z.enum(['', '0', '1']).default(''),
  /**
   * OpenAI-compatible servers runs may use, as `name=url` pairs separated by commas or newlines
   * (e.g. `vllm=http://10.0.0.5:8000/v1, ollama=http://127.0.0.1:11434/v1`). OPENAI_BASE_URL is always
   * allowed too, under the name `default`. The browser picks a server by name, never by URL.
   */
  STOP_LM_ENDPOINTS: optionalString,
  STOP_PYTHON: optionalString,
  STOP_SANDBOX: z.enum(['auto', 'bubblewrap', 'unshare', 'limits-only']).default('auto'),
  /**
   * `1` lets generated code (improvers, solutions) run at the `limits-only` level, where it can reach the
   * network and write the host's file system. Without it such a host refuses to run generated code.
   */
  /** How programs get their sandboxed process: forked by a warm zygote (default) or spawned each from nothing. */
  STOP_SANDBOX_LAUNCHER: z.enum(['fork-server', 'spawn-per-program']).default('fork-server'),
  STOP_ALLOW_UNISOLATED: z.enum(['0', '1', 'false', 'true']).default('0').transform((value) => value === '1' || value === 'true'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Evaluation queue (PostgreSQL only, lib/queue): sandbox slots this coordinator (app server, CLI) runs
   * itself (default: one per core; 0 leaves every evaluation to `stop worker` processes).
   */
  STOP_LOCAL_SLOTS: z.coerce.number().int().min(0).max(1024).optional(),
  /** How often queue workers heartbeat, and after how long without one their jobs are taken by others. */
  STOP_WORKER_HEARTBEAT_MS: z.coerce.number().int().min(50).default(5_000),
  STOP_WORKER_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  /** Print stack traces from the command line. */
  STOP_DEBUG: optionalString,
}).superRefine((value, context) => {
  try {
    parseEndpoints(value.STOP_LM_ENDPOINTS, value.OPENAI_BASE_URL);
  } catch (error) {
    context.addIssue({ code: 'custom', path: ['STOP_LM_ENDPOINTS'], message: error instanceof Error ? error.message : String(error) });
  }
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

/** Exposed for tests of the validation itself. */
export const parseEnvForTest = parseEnv;

/** Names of variables that must never reach a sandboxed process. */
export const SECRET_ENV_NAMES = ['OPENAI_API_KEY', 'DATABASE_URL', 'STOP_ADMIN_TOKEN'] as const;

/** The app's own base URL, for the command line to find a running server. */
export function serverBaseUrl(): string {
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  return `http://${host}:${env.PORT}`;
}

/** The environment for a child process of this project itself (e.g. `stop worker`), which validates it again. */
export function projectChildEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

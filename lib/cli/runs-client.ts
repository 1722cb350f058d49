import { readFileSync } from 'node:fs';
import { env, serverBaseUrl } from '@/lib/env';
import type { RunConfigInput } from '@/lib/runs/config';
import { isActive } from '@/lib/runs/status';

/** How the command line reaches runs: through a running app server, or by opening the database itself. */
export interface FinishedRun {
  id: string;
  status: string;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
}

export interface RunsClient {
  mode: 'server' | 'local';
  execute(config: RunConfigInput, onProgress?: (line: string) => void): Promise<FinishedRun>;
  /** Cancels a queued or running run; false when it had already ended. */
  cancel(runId: string): Promise<boolean>;
}

/** How long the command line keeps waiting for a server that stopped answering mid-run. */
const SERVER_RESTART_GRACE_MS = 10 * 60 * 1000;

export function authHeaders(): Record<string, string> {
  return env.STOP_ADMIN_TOKEN ? { authorization: `Bearer ${env.STOP_ADMIN_TOKEN}` } : {};
}

async function serverIsUp(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(800) });
    return response.ok && (await response.json().catch(() => ({})))?.app === 'stop-studio';
  } catch {
    return false;
  }
}

function serverClient(base: string): RunsClient {
  return {
    mode: 'server',
    async cancel(runId) {
      const before = await fetch(`${base}/api/runs/${encodeURIComponent(runId)}`, { headers: authHeaders() });
      if (before.status === 404) throw new Error(`there is no run ${runId}`);
      const { run } = (await before.json()) as { run: FinishedRun };
      if (!isActive(run.status)) return false;
      const response = await fetch(`${base}/api/runs/${encodeURIComponent(runId)}/cancel`, { method: 'POST', headers: authHeaders() });
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      if (!response.ok) throw new Error(`the server refused to cancel ${runId}: ${body.error ?? response.statusText}`);
      return true;
    },
    async execute(config, onProgress) {
      const response = await fetch(`${base}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify(config),
      });
      const body = (await response.json().catch(() => ({}))) as { runId?: string; error?: string };
      if (!response.ok || !body.runId) throw new Error(`the server refused the run: ${body.error ?? response.statusText}`);
      onProgress?.(`run ${body.runId} launched on ${base}`);
      let unreachableSince: number | undefined;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        let poll: Response;
        try {
          poll = await fetch(`${base}/api/runs/${body.runId}`, { headers: authHeaders() });
        } catch {
          // The server may be restarting: it resumes unfinished runs, so keep waiting for a while.
          if (unreachableSince === undefined) {
            unreachableSince = Date.now();
            onProgress?.(`the server at ${base} is not answering; waiting for it`);
          } else if (Date.now() - unreachableSince > SERVER_RESTART_GRACE_MS) {
            throw new Error(`the server at ${base} stopped answering; run ${body.runId} resumes when it restarts`);
          }
          continue;
        }
        unreachableSince = undefined;
        if (!poll.ok) throw new Error(`reading run ${body.runId} failed: ${poll.status}`);
        const { run } = (await poll.json()) as { run: FinishedRun };
        if (!isActive(run.status)) return run;
      }
    },
  };
}

function localClient(): RunsClient {
  return {
    mode: 'local',
    async cancel(runId) {
      const { cancelRun } = await import('@/lib/runs/service');
      return cancelRun(runId);
    },
    async execute(config, onProgress) {
      const { prepareForkServer } = await import('@/lib/sandbox/launcher');
      // The zygote starts on the other core while the embedded database opens; a failure shows at the first program.
      void prepareForkServer().catch(() => undefined);
      const { launchRun } = await import('@/lib/runs/service');
      const { findRun } = await import('@/db/queries/runs');
      const { runId, finished } = await launchRun(config);
      const cpu = process.cpuUsage();
      onProgress?.(`run ${runId} started in this process (start-up: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU)`);
      const stop = () => {
        void import('@/lib/runs/service').then(({ cancelRun }) => cancelRun(runId));
      };
      process.once('SIGINT', stop);
      try {
        await finished;
      } finally {
        process.off('SIGINT', stop);
      }
      const run = await findRun(runId);
      if (!run) throw new Error(`run ${runId} vanished`);
      return { id: run.id, status: run.status, result: run.result ?? null, error: run.error ?? null };
    },
  };
}

/**
 * With the embedded database, a running app server owns it, so commands go through its HTTP API;
 * otherwise (no server, or PostgreSQL) they run here.
 */
export async function runsClient(): Promise<RunsClient> {
  const base = await owningServer();
  return base ? serverClient(base) : localClient();
}

/** The app server's address when it owns the embedded database (commands must then go through it). */
export async function owningServer(): Promise<string | null> {
  if (env.DATABASE_URL) return null;
  // The app that holds the embedded database says where it listens, whatever this process's PORT is.
  const { configuredDataDir } = await import('@/db/client');
  const { readLockOwner } = await import('@/db/lock');
  const owner = readLockOwner(configuredDataDir());
  const bases = [...new Set([...(owner?.url ? [owner.url] : []), serverBaseUrl()])];
  for (const base of bases) if (await serverIsUp(base)) return base;
  return null;
}

/** A program file the user named on the command line. */
export function readProgramFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

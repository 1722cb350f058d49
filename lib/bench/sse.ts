import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SSE_EVENTS } from '@/lib/runs/sse';
import { SEED_IMPROVER } from './engine';
import { round, summarise, type Summary } from './stats';

/**
 * Server-Sent-Event delivery latency and the server's peak memory, on the built app:
 * `next start` with a throwaway STOP_DATA_DIR, a run launched through its HTTP API (so the events are
 * written by recordEvents in the server process), and a headless Chromium page following the run's
 * SSE route with an EventSource. Latency of an event = its arrival in the page (Date.now() in the
 * page) − its stored created_at (the database's now() in the server process); same machine, same clock.
 * Only events written after the stream opened count (older ones are catch-up, not delivery).
 */

export interface SseReport {
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  delivery?: Summary & { target_p95_ms: number; meets_target: boolean };
  /** Peak resident set (VmHWM) of the Next.js server process tree, which also ran the engine. */
  server_peak_rss_mb?: number;
  server_processes?: { pid: number; name: string; peak_rss_mb: number }[];
  run?: { kind: string; events_seen: number; status: string };
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer within ${timeoutMs} ms`);
}

/** Peak RSS (VmHWM) of a process and its descendants, from /proc. */
function processTreePeaks(rootPid: number): { pid: number; name: string; peak_rss_mb: number }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // gone
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!tree.has(parent) || tree.has(pid)) continue;
      tree.add(pid);
      grew = true;
    }
  }
  const peaks: { pid: number; name: string; peak_rss_mb: number }[] = [];
  for (const pid of tree) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
      const hwm = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
      // Sandboxed Python processes are not the server; they are reported by the sandbox benchmarks.
      if (hwm > 0 && !/python|bwrap|prlimit|setpriv/.test(name)) peaks.push({ pid, name, peak_rss_mb: round(hwm / 1024) });
    } catch {
      // gone
    }
  }
  return peaks;
}

interface Arrival {
  seq: number;
  type: string;
  createdAt: string;
  arrivedAt: number;
}

/**
 * Runs in the page (kept as text so that no bundler helper leaks into it): follows the SSE stream and
 * timestamps every event's arrival, until the stream's `end` event or the time limit.
 */
const FOLLOW_IN_PAGE = `(url, timeLimitMs) => new Promise((resolve) => {
  const arrivals = [];
  let openedAt = Infinity;
  const source = new EventSource(url);
  const finish = (ended) => { source.close(); resolve({ openedAt, arrivals, ended }); };
  source.onopen = () => { openedAt = Math.min(openedAt, Date.now()); };
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    arrivals.push({ seq: event.seq, type: event.type, createdAt: event.createdAt, arrivedAt: Date.now() });
  };
  source.addEventListener(${JSON.stringify(SSE_EVENTS.end)}, () => finish(true));
  setTimeout(() => finish(false), timeLimitMs);
})`;

export async function measureSse(options: { root: string; timeLimitMs: number; copies: number }): Promise<SseReport> {
  if (!existsSync(path.join(options.root, '.next', 'BUILD_ID'))) {
    return { status: 'skipped', reason: 'no production build: run `npx next build` first' };
  }
  if (!existsSync(CHROMIUM)) return { status: 'skipped', reason: `no Chromium at ${CHROMIUM}` };
  const { chromium } = await import('playwright-core');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stop-bench-data-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(path.join(options.root, 'package.json')).resolve('next/dist/bin/next');
  const server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: options.root,
    // Built from nothing: a throwaway data directory, no database URL, no API keys, no admin token.
    env: { PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: dataDir, NODE_ENV: 'production', STOP_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await waitForServer(`${base}/api/health`, server, 120_000);
    const page = await browser.newPage();
    await page.goto(`${base}/api/health`);
    const launched = await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'stop', title: 'bench: SSE delivery', taskId: 'lpn', seedImprover: SEED_IMPROVER,
        iterations: 1, repeats: 2, copies: options.copies, model: { provider: 'scripted', model: 'scripted' },
      }),
    });
    const body = (await launched.json()) as { ok: boolean; runId?: string; error?: string };
    if (!body.ok || !body.runId) throw new Error(`launching the run failed: ${body.error ?? launched.status}`);
    const runId = body.runId;
    const result = (await page.evaluate(
      `(${FOLLOW_IN_PAGE})(${JSON.stringify(`${base}/api/runs/${runId}/events`)}, ${options.timeLimitMs})`,
    )) as { openedAt: number; arrivals: Arrival[]; ended: boolean };
    if (!result.ended) await fetch(`${base}/api/runs/${runId}/cancel`, { method: 'POST' }).catch(() => undefined);
    const live = result.arrivals.filter((arrival) => Date.parse(arrival.createdAt) >= result.openedAt);
    const latencies = live.map((arrival) => arrival.arrivedAt - Date.parse(arrival.createdAt));
    const processes = processTreePeaks(server.pid!);
    const delivery = summarise(latencies);
    return {
      status: 'measured',
      delivery: { ...delivery, target_p95_ms: 250, meets_target: latencies.length > 0 && delivery.p95_ms <= 250 },
      server_peak_rss_mb: Math.max(0, ...processes.map((entry) => entry.peak_rss_mb)),
      server_processes: processes,
      run: { kind: 'stop T=1 R=2', events_seen: result.arrivals.length, status: result.ended ? 'ended' : 'cancelled at the time limit' },
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`.trim());
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

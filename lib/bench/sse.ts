import { readdirSync, readFileSync } from 'node:fs';
import { SSE_EVENTS } from '@/lib/runs/sse';
import { builtAppMissing, launchScriptedRun, withBuiltApp } from './app-server';
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
  const missing = builtAppMissing(options.root);
  if (missing) return { status: 'skipped', reason: missing };
  return withBuiltApp(options.root, async ({ base, browser, serverPid }) => {
    const page = await browser.newPage();
    await page.goto(`${base}/api/health`);
    const runId = await launchScriptedRun(base, { title: 'bench: SSE delivery', iterations: 1, repeats: 2, copies: options.copies });
    const result = (await page.evaluate(
      `(${FOLLOW_IN_PAGE})(${JSON.stringify(`${base}/api/runs/${runId}/events`)}, ${options.timeLimitMs})`,
    )) as { openedAt: number; arrivals: Arrival[]; ended: boolean };
    if (!result.ended) await fetch(`${base}/api/runs/${runId}/cancel`, { method: 'POST' }).catch(() => undefined);
    const live = result.arrivals.filter((arrival) => Date.parse(arrival.createdAt) >= result.openedAt);
    const latencies = live.map((arrival) => arrival.arrivedAt - Date.parse(arrival.createdAt));
    const processes = processTreePeaks(serverPid);
    const delivery = summarise(latencies);
    return {
      status: 'measured',
      delivery: { ...delivery, target_p95_ms: 250, meets_target: latencies.length > 0 && delivery.p95_ms <= 250 },
      server_peak_rss_mb: Math.max(0, ...processes.map((entry) => entry.peak_rss_mb)),
      server_processes: processes,
      run: { kind: 'stop T=1 R=2', events_seen: result.arrivals.length, status: result.ended ? 'ended' : 'cancelled at the time limit' },
    };
  });
}

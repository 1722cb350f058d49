import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_IMPROVER } from './engine';
import { CHROMIUM, CHROMIUM_ARGS, freePort, waitForServer } from './sse';
import { summarise, type Summary } from './stats';
import { isTerminal, RUN_STATUS } from '@/lib/runs/status';

/**
 * Page speed in Chromium on the built app (`next start`, throwaway data directory, no admin token):
 * a completed Figure-4 run page (ms from navigation until the chart has its points, and until the
 * lineage is drawn) and the runs list (home page) with 200 runs (ms until its rows show). Each page is loaded
 * `samples` times in a fresh browser context after one warm-up load.
 */

export interface PageTiming extends Summary {
  target_ms: number;
  meets_target: boolean;
}

export interface PagesReport {
  status: 'measured' | 'skipped';
  reason?: string;
  samples?: number;
  run_page_chart?: PageTiming;
  run_page_lineage?: PageTiming;
  runs_list_200?: PageTiming;
  runs_listed?: number;
}

const TARGETS = { chart: 1000, lineage: 2000, list: 500 };
const RUNS_IN_LIST = 200;

function timing(values: number[], target: number): PageTiming {
  const summary = summarise(values);
  return { ...summary, target_ms: target, meets_target: values.length > 0 && summary.p50_ms <= target };
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

export async function measurePages(options: { root: string; samples: number; log?: (line: string) => void }): Promise<PagesReport> {
  if (!existsSync(path.join(options.root, '.next', 'BUILD_ID'))) return { status: 'skipped', reason: 'no production build: run `npx next build` first' };
  if (!existsSync(CHROMIUM)) return { status: 'skipped', reason: `no Chromium at ${CHROMIUM}` };
  const log = options.log ?? (() => undefined);
  const { chromium } = await import('playwright-core');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stop-bench-pages-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(path.join(options.root, 'package.json')).resolve('next/dist/bin/next');
  const server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: options.root,
    env: { PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: dataDir, NODE_ENV: 'production', STOP_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await waitForServer(`${base}/api/health`, server, 120_000);
    log('pages: running a Figure-4 run (scripted model, T=2 R=3 k=2)');
    const launched = await json(await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'stop', title: 'bench: pages', taskId: 'lpn', seedImprover: SEED_IMPROVER, iterations: 2, repeats: 3, copies: 2, model: { provider: 'scripted', model: 'scripted' } }),
    }));
    const runId = launched.runId;
    if (typeof runId !== 'string') throw new Error(`launching the run failed: ${String(launched.error)}`);
    for (;;) {
      const { run } = (await json(await fetch(`${base}/api/runs/${runId}`))) as { run?: { status: string } };
      if (run?.status === RUN_STATUS.completed) break;
      if (run && isTerminal(run.status)) throw new Error(`the run ended ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    log(`pages: importing ${RUNS_IN_LIST - 1} copies of it for the runs list`);
    const bundle = await (await fetch(`${base}/api/runs/${runId}/export`)).text();
    for (let copy = 1; copy < RUNS_IN_LIST; copy += 1) {
      const imported = await fetch(`${base}/api/runs/import`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: bundle });
      if (!imported.ok) throw new Error(`importing copy ${copy} failed: ${String((await json(imported)).error ?? imported.status)}`);
    }

    const chart: number[] = [];
    const lineage: number[] = [];
    const list: number[] = [];
    let listed = 0;
    for (let sample = -1; sample < options.samples; sample += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
      const page = await context.newPage();
      let started = Date.now();
      await page.goto(`${base}/runs/${runId}`, { waitUntil: 'commit' });
      await page.locator('[data-testid="figure4-chart"]:not([data-points="0"]) svg.recharts-surface').first().waitFor({ timeout: 600_000 });
      const chartMs = Date.now() - started;
      await page.locator('[data-testid="lineage"] [data-node]').first().waitFor({ timeout: 600_000 });
      const lineageMs = Date.now() - started;
      started = Date.now();
      await page.goto(`${base}/`, { waitUntil: 'commit' });
      await page.locator('table tbody tr').first().waitFor({ timeout: 600_000 });
      const listMs = Date.now() - started;
      listed = await page.locator('table tbody tr').count();
      await context.close();
      // The first load of each page warms the server's code paths; it is not counted.
      if (sample < 0) continue;
      chart.push(chartMs);
      lineage.push(lineageMs);
      list.push(listMs);
      log(`pages: sample ${sample + 1}: chart ${chartMs} ms, lineage ${lineageMs} ms, runs list ${listMs} ms`);
    }
    return {
      status: 'measured',
      samples: options.samples,
      run_page_chart: timing(chart, TARGETS.chart),
      run_page_lineage: timing(lineage, TARGETS.lineage),
      runs_list_200: timing(list, TARGETS.list),
      runs_listed: listed,
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


import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { SEED_IMPROVER } from './engine';

import { CHROMIUM, CHROMIUM_ARGS } from '@/lib/browser/chromium';

export { CHROMIUM, CHROMIUM_ARGS };

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

export interface BuiltApp {
  base: string;
  browser: Browser;
  serverPid: number;
}

/** Why the browser benchmarks cannot run here, or null when they can. */
export function builtAppMissing(root: string): string | null {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'no production build: run `npx next build` first';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  return null;
}

/**
 * Runs `measure` against the built app (`next start` built from nothing: a throwaway data directory, no
 * database URL, no API keys, no admin token) with a headless Chromium, and tears both down afterwards.
 * A failure carries the tail of the server's stderr.
 */
export async function withBuiltApp<T>(root: string, measure: (app: BuiltApp) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stop-bench-data-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next');
  const server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: dataDir, NODE_ENV: 'production', STOP_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await waitForServer(`${base}/api/health`, server, 120_000);
    return await measure({ base, browser, serverPid: server.pid! });
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

/** Launches a STOP run of the stock seed on LPN with the scripted model through the app's HTTP API. */
export async function launchScriptedRun(base: string, run: { title: string; iterations: number; repeats: number; copies: number }): Promise<string> {
  const launched = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'stop', taskId: 'lpn', seedImprover: SEED_IMPROVER, model: { provider: 'scripted', model: 'scripted' }, ...run }),
  });
  const body = (await launched.json().catch(() => ({}))) as { runId?: unknown; error?: unknown };
  if (typeof body.runId !== 'string') throw new Error(`launching the run failed: ${String(body.error ?? launched.status)}`);
  return body.runId;
}

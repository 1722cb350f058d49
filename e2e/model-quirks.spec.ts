import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { freePort, ROOT, startProcess, stopProcess } from './processes';
import { expect, screenshot, test } from './support';
import { readProgram } from '../lib/improvers/programs';

// The realistic scripted model as a user meets it: a run against a server with real servers' quirks
// (a reasoning model that refuses temperatures and n > 1), whose page explains what the gateway adapted;
// and the paper's three Figure-4 panels (strong, weak, timid) side by side on the Compare page.

const RUN_DONE = 600_000;
const SEED = readProgram('seed');

let modelServer: ChildProcess | undefined;
let appServer: ChildProcess | undefined;
let dataDir = '';
let appUrl = '';

async function launch(request: APIRequestContext, config: Record<string, unknown>): Promise<string> {
  const response = await request.post(`${appUrl}/api/runs`, { data: config });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { runId: string }).runId;
}

async function waitUntilEnded(request: APIRequestContext, runId: string): Promise<string> {
  let status = '';
  await expect
    .poll(
      async () => {
        const response = await request.get(`${appUrl}/api/runs/${runId}`);
        status = ((await response.json()) as { run: { status: string } }).run.status;
        return ['queued', 'running'].includes(status);
      },
      { timeout: RUN_DONE, intervals: [1_000] },
    )
    .toBe(false);
  return status;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const modelPort = await freePort();
  modelServer = startProcess(
    process.execPath,
    [path.join(ROOT, 'bin/stop.mjs'), 'serve-scripted-lm', '--port', String(modelPort), '--model', 'scripted-strong', '--reasoning-model', '--n', 'ignore', '--json'],
    { OPENAI_API_KEY: '' },
  );
  const modelUrl = `http://127.0.0.1:${modelPort}/v1`;
  await expect.poll(async () => (await fetch(`${modelUrl}/models`).catch(() => undefined))?.status, { timeout: 240_000 }).toBe(200);

  const appPort = await freePort();
  appUrl = `http://127.0.0.1:${appPort}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'stop-e2e-quirks-'));
  appServer = startProcess('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(appPort)], {
    STOP_DATA_DIR: dataDir,
    STOP_LM_ENDPOINTS: `quirky=${modelUrl}`,
    STOP_ADMIN_TOKEN: '',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    DATABASE_URL: '',
    NODE_ENV: 'production',
  });
  await expect.poll(async () => (await fetch(`${appUrl}/api/health`).catch(() => undefined))?.status, { timeout: 300_000 }).toBe(200);
});

test.afterAll(() => {
  stopProcess(appServer);
  stopProcess(modelServer);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a reasoning model behind a server that ignores n: the run page says what was adapted and what the run evaluated", async ({ page }) => {
  const runId = await launch(page.request, {
    kind: 'improve',
    improver: SEED,
    taskId: 'lpn',
    model: { provider: 'openai', model: 'scripted-strong', endpoint: 'quirky' },
    title: 'e2e quirky server',
  });
  expect(await waitUntilEnded(page.request, runId)).toBe('completed');

  await page.goto(`${appUrl}/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toContainText('completed');
  const notes = page.getByTestId('lm-notes');
  await expect(notes).toContainText('temperature 0.7 not applied: the model accepts only its default');
  await expect(notes).toContainText(/n = 6 sent as 6 requests of n = 1/);
  await expect(notes).toContainText(/reasoning removed from \d+ answers? before the improver saw them/);
  // An improve run shows its result, not an empty Figure-4 chart.
  const result = page.getByTestId('experiment-result');
  await expect(result).toContainText('u(s): seed solution, training');
  await expect(result).toContainText('Improved, held-out test');
  await expect(page.getByTestId('figure4-chart')).toHaveCount(0);
  // The workload of the finished run: the utility calls of the seed improver, each a new program here.
  await expect(page.getByText(/\d+ distinct of \d+ solutions asked \(100\.0% cache misses\)/)).toBeVisible();
  await notes.scrollIntoViewIfNeeded();
  await screenshot(page, 'quirky-server-notes');
});

test("the paper's three panels: strong, weak and timid scripted models side by side", async ({ page }) => {
  const small = { kind: 'stop', taskId: 'lpn', seedImprover: SEED, iterations: 1, repeats: 2, copies: 1, seed: 3, budgets: { lmCalls: 1, maxResponsesPerCall: 2, utilityCalls: 2, metaUtilityCalls: 2 } };
  const profiles = ['scripted-strong', 'scripted-weak', 'scripted-timid'];
  const runs: string[] = [];
  for (const model of profiles) runs.push(await launch(page.request, { ...small, title: `e2e panel ${model}`, model: { provider: 'scripted', model } }));
  for (const runId of runs) expect(await waitUntilEnded(page.request, runId)).toBe('completed');

  await page.goto(`${appUrl}/compare?${runs.map((id) => `runs=${id}`).join('&')}&layout=panels`);
  const panels = page.getByTestId('compare-panels');
  await expect(panels).toBeVisible();
  // Each panel is titled so that runs can be told apart: the run's title, its model and its date.
  for (const model of profiles) await expect(panels.getByRole('heading', { name: new RegExp(`^e2e panel ${model} · ${model} · `) })).toBeVisible();
  const charts = panels.getByTestId('figure4-chart');
  await expect(charts).toHaveCount(3);
  for (let index = 0; index < 3; index += 1) await expect(charts.nth(index)).toHaveAttribute('data-points', '2');
  // The final numbers name each run's model, not just "scripted".
  const finalNumbers = page.getByRole('table').filter({ hasText: 'Final test' });
  for (const model of profiles) await expect(finalNumbers.getByText(model, { exact: true })).toBeVisible();
  await screenshot(page, 'compare-three-panels');

  // One chart again, from the layout switch.
  await page.getByRole('link', { name: 'One chart' }).click();
  await expect(page.getByTestId('compare-panels')).toHaveCount(0);
});

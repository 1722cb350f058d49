import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { authHeader, expect, screenshot, signIn, test } from './support';

/**
 * Issue 11: hostile programs as a model could write them, run by the real server (the larger volumes
 * that would break an unbounded host are in lib/sandbox/bounds.test.ts). Its RSS stays under
 * 1.5 GB, it answers /api/health throughout, and the run ends normally (only the offending invocation
 * or evaluation fails). Bounds, not speeds: a health check may take up to 10 s on the busy machine.
 */
const RSS_BOUND = 1.5 * 1024 ** 3;

/** Resident memory of the process listening on the app's port (the Next.js server). */
function serverRss(port: number): number {
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}`);
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** Polls health and memory until the run ends; returns what it saw. */
async function watchRun(request: APIRequestContext, port: number, runId: string) {
  let peakRss = serverRss(port);
  let healthChecks = 0;
  const unhealthy: string[] = [];
  for (;;) {
    try {
      const health = await request.get('/api/health', { timeout: 60_000 });
      healthChecks += 1;
      if (!health.ok()) unhealthy.push(`status ${health.status()}`);
    } catch (error) {
      unhealthy.push(String(error));
    }
    peakRss = Math.max(peakRss, serverRss(port));
    const run = (await (await request.get(`/api/runs/${runId}`, { headers: authHeader })).json()) as {
      run: { status: string; result: Record<string, unknown> | null; error: unknown };
    };
    if (!['queued', 'running'].includes(run.run.status)) return { run: run.run, peakRss, healthChecks, unhealthy };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const improver = (body: string) =>
  `import os, json\n\ndef improve_algorithm(initial_solution, utility, language_model):\n${body
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`;

const port = () => Number(new URL(test.info().project.use.baseURL!).port);

test('hostile improver (huge budget raises, huge events, huge unread calls): the server holds', async ({ page }) => {
  await signIn(page);
  const code = improver(`
big = "x" * (30 * 1024 * 1024)
for _ in range(300):
    utility.budget = big
line = (json.dumps({"type": "event", "kind": "budget_raise", "detail": big, "line": 1}) + "\\n").encode()
for _ in range(10):
    os.write(4, line)
keep = os.dup(3)
r, w = os.pipe()
os.dup2(r, 3)
for i in range(10):
    os.write(4, (json.dumps({"type": "call", "id": 10_000 + i, "method": big, "params": {}}) + "\\n").encode())
return initial_solution
`);
  const launched = await page.request.post('/api/runs', { headers: authHeader, data: { kind: 'improve', improver: code, taskId: 'parity' } });
  expect(launched.status()).toBe(201);
  const { runId } = (await launched.json()) as { runId: string };
  const seen = await watchRun(page.request, port(), runId);
  console.log(`hostile improver: server peak RSS ${(seen.peakRss / 1024 ** 2).toFixed(0)} MiB, ${seen.healthChecks} health checks`);
  expect(seen.unhealthy).toEqual([]);
  expect(seen.healthChecks).toBeGreaterThan(0);
  expect(seen.peakRss).toBeLessThan(RSS_BOUND);
  expect(seen.run.status).toBe('completed');
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toContainText('completed');
  await screenshot(page, 'hostile-improver-contained');
});

test('a solution writing JSON nested 200,000 levels fails its evaluation, not the run', async ({ page }) => {
  await signIn(page);
  const solution = [
    'import os, time',
    'def algorithm(train_samples, train_parity, test_samples):',
    `    os.write(4, b'{"type": "output", "id": 1, "ok": true, "output": ' + b"[" * 200000 + b"]" * 200000 + b"}\\n")`,
    '    time.sleep(60)',
    '',
  ].join('\n');
  const code = improver(`return ${JSON.stringify(solution)}`);
  const launched = await page.request.post('/api/runs', { headers: authHeader, data: { kind: 'improve', improver: code, taskId: 'parity' } });
  expect(launched.status()).toBe(201);
  const { runId } = (await launched.json()) as { runId: string };
  const seen = await watchRun(page.request, port(), runId);
  console.log(`deeply nested output: server peak RSS ${(seen.peakRss / 1024 ** 2).toFixed(0)} MiB, ${seen.healthChecks} health checks`);
  expect(seen.unhealthy).toEqual([]);
  expect(seen.peakRss).toBeLessThan(RSS_BOUND);
  expect(seen.run.status).toBe('completed');
  expect(seen.run.result).toMatchObject({ utility_after: 0 });
});

test('a failed run can be resumed by hand from its page', async ({ page }) => {
  await signIn(page);
  // A failed run whose task no longer exists (launches refuse unknown tasks, so it comes as a bundle):
  // it fails again at its start, every time it is started.
  const at = new Date().toISOString();
  const config = { kind: 'improve', improver: improver('return initial_solution'), taskId: 'removed-task', temperature: 0.7, budgets: { lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 }, model: { provider: 'scripted', model: 'scripted' }, seed: 0 };
  const run = { id: 'run_failed', kind: 'improve', title: 'A run whose task was removed', status: 'failed', config, seedImprover: '', provider: 'scripted', model: 'scripted', baseUrl: null, parentRunId: null, forkIteration: null, sandboxLevel: 'bubblewrap', result: null, error: { code: 'unknown_task', message: 'there is no task removed-task' }, createdAt: at, startedAt: at, finishedAt: at, updatedAt: at };
  const events = [
    { runId: 'run_failed', seq: 1, type: 'run.started', payload: { kind: 'improve', config, sandbox_level: 'bubblewrap', resumed: false }, createdAt: at },
    { runId: 'run_failed', seq: 2, type: 'run.failed', payload: { error: run.error }, createdAt: at },
  ];
  const imported = await page.request.post('/api/runs/import', {
    headers: { ...authHeader, 'content-type': 'application/json' },
    data: { format: 'stop-studio-run', version: 1, exported_at: at, records: { run, improvers: [], candidates: [], evaluations: [], lmCalls: [], events, steps: [] } },
  });
  expect(imported.status()).toBe(201);
  const { runId } = (await imported.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toContainText('failed', { timeout: 240_000 });
  const starts = async () => {
    const events = await page.request.get(`/api/runs/${runId}/export`);
    const bundle = (await events.json()) as { records: { events: { type: string }[] } };
    return bundle.records.events.filter((event) => event.type === 'run.started').length;
  };
  expect(await starts()).toBe(1);
  await page.getByTestId('resume-run').click();
  await expect.poll(starts, { timeout: 240_000 }).toBe(2);
  await page.reload();
  await expect(page.getByTestId('run-status')).toContainText('failed', { timeout: 240_000 });
});

/**
 * Item 6, measured through the real server: the runs list and the open run page while a 10,000-sample
 * sandbox study runs. The p95 is logged (the issue's target: under 1 s); the assertion is a bound that
 * cannot be met by a stalled server (before the fix no page answered for minutes) yet survives a busy
 * shared machine: every page within 5 s.
 */
test('pages keep answering during a 10,000-sample sandbox study', async ({ page }) => {
  await signIn(page);
  const launched = await page.request.post('/api/runs', { headers: authHeader, data: { kind: 'sandbox-study', samples: 10_000 } });
  expect(launched.status()).toBe(201);
  const { runId } = (await launched.json()) as { runId: string };
  const latencies: number[] = [];
  for (let probe = 0; probe < 20; probe++) {
    for (const path of ['/', `/runs/${runId}`]) {
      const started = Date.now();
      const response = await page.request.get(path, { timeout: 240_000 });
      latencies.push(Date.now() - started);
      expect(response.status()).toBe(200);
    }
  }
  const status = (await (await page.request.get(`/api/runs/${runId}`, { headers: authHeader })).json()) as { run: { status: string } };
  await page.request.post(`/api/runs/${runId}/cancel`, { headers: authHeader });
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
  console.log(`pages during a 10,000-sample study: p50 ${sorted[Math.floor(sorted.length / 2)]} ms, p95 ${p95} ms, max ${sorted.at(-1)} ms`);
  expect(status.run.status).toBe('running');
  expect(sorted.at(-1)!).toBeLessThan(5_000);
});

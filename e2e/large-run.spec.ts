import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, screenshot, signIn, test } from './support';

const EVENTS = 50_000;
const SEED = 'from helpers import extract_code\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution\n';

/** A finished STOP run bundle with 50,000 events (mostly LM calls and evaluations), as an export would be. */
function largeBundle(): string {
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  const config = { kind: 'stop', taskId: 'lpn', seedImprover: SEED, iterations: 2, repeats: 1, copies: 5, adoption: 'any-nonzero', temperature: 0.7, budgets: { lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 }, model: { provider: 'scripted', model: 'scripted' }, seed: 0 };
  const events: { seq: number; type: string; payload: Record<string, unknown>; createdAt: string; runId: string }[] = [];
  const push = (type: string, payload: Record<string, unknown>) =>
    events.push({ seq: events.length + 1, type, payload, createdAt: at, runId: 'run_large' });
  push('run.started', { kind: 'stop', config, sandbox_level: 'bubblewrap', resumed: false });
  const improvers = [0, 1, 2].map((iteration) => ({
    id: iteration + 1, runId: 'run_large', repeat: 0, iteration, parentId: iteration === 0 ? null : iteration, code: SEED,
    codeHash: `h${iteration}`, trainMetaUtility: 0.5 + iteration / 10, testMetaUtility: 0.5 + iteration / 10,
    testStandardError: 0.02, adopted: true, strategyTags: [], findings: [], createdAt: at,
  }));
  const perIteration = Math.floor((EVENTS - 2 - 3 * 3) / 3);
  for (const improver of improvers) {
    push('iteration.started', { repeat: 0, iteration: improver.iteration });
    for (let index = 0; index < perIteration; index += 1) {
      if (index % 2 === 0) {
        push('lm.call', { call_id: events.length, step_key: `r0/inv/x/lpn/c${index % 5}`, model: 'scripted', n: 6, prompt_tokens: 600, completion_tokens: 1500, latency_ms: 3, cost_usd: 0, retries: 0, error: null });
      } else {
        push('utility.evaluated', { task_id: 'lpn', set: 'train', utility: (index % 100) / 100, cached: false, duration_ms: 40 });
      }
    }
    push('improver.recorded', { repeat: 0, iteration: improver.iteration, improver_id: improver.id, adopted: true, train_meta_utility: improver.trainMetaUtility, strategy_tags: [] });
  }
  while (events.length < EVENTS - 1) push('log', { level: 'info', message: `filler ${events.length}` });
  push('run.completed', { result: {} });
  const run = { id: 'run_large', kind: 'stop', title: 'Fifty thousand events', status: 'completed', config, seedImprover: SEED, provider: 'scripted', model: 'scripted', baseUrl: null, parentRunId: null, forkIteration: null, sandboxLevel: 'bubblewrap', result: {}, error: null, createdAt: at, startedAt: at, finishedAt: at, updatedAt: at };
  return JSON.stringify({ format: 'stop-studio-run', version: 1, exported_at: at, records: { run, improvers, candidates: [], evaluations: [], lmCalls: [], events, steps: [] } });
}

test('a run with 50,000 events imports, opens quickly and stays responsive', async ({ page }) => {
  const file = path.join(os.tmpdir(), 'stop-e2e-large-bundle.json');
  writeFileSync(file, largeBundle());
  await signIn(page);
  await page.locator('#bundle').setInputFiles(file);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.waitForURL(/\/runs\/run_/, { timeout: 120_000 });

  const started = Date.now();
  await page.reload();
  await expect(page.getByText('Fifty thousand events')).toBeVisible();
  await expect(page.getByTestId('run-status')).toContainText('completed');
  const loadMs = Date.now() - started;
  const calls = Math.ceil((Math.floor((EVENTS - 11) / 3) / 2)) * 3;
  await expect(page.getByText(calls.toLocaleString('en-US')).first()).toBeVisible();

  // Responsive: the page answers input promptly (the main thread is not busy).
  const responseMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      }),
  );
  const scrollStarted = Date.now();
  await page.getByRole('heading', { name: 'LM calls' }).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 2000);
  const scrollMs = Date.now() - scrollStarted;
  console.log(`50,000-event run page: load ${loadMs} ms, frame ${responseMs.toFixed(0)} ms, scroll ${scrollMs} ms`);
  expect(loadMs).toBeLessThan(15_000);
  expect(responseMs).toBeLessThan(200);
  expect(scrollMs).toBeLessThan(2_000);
  await screenshot(page, 'run-50000-events');
});

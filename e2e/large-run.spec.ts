import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, screenshot, signIn, test } from './support';

const EVENTS = 50_000;
const SEED = 'from helpers import extract_code\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution\n';

interface Extra {
  candidates: Record<string, unknown>[];
  lmCalls: Record<string, unknown>[];
  steps: Record<string, unknown>[];
}

/**
 * A finished STOP run bundle with 50,000 events (mostly LM calls and evaluations), as an export would
 * be: `iterations` × `repeats` improvers, and optionally more records (candidates, steps, LM calls).
 */
function largeBundle(iterations = 2, repeats = 1, extra: Extra = { candidates: [], lmCalls: [], steps: [] }): string {
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  const config = { kind: 'stop', taskId: 'lpn', seedImprover: SEED, iterations, repeats, copies: 5, adoption: 'any-nonzero', temperature: 0.7, budgets: { lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 }, model: { provider: 'scripted', model: 'scripted' }, seed: 0 };
  const events: { seq: number; type: string; payload: Record<string, unknown>; createdAt: string; runId: string }[] = [];
  const push = (type: string, payload: Record<string, unknown>) =>
    events.push({ seq: events.length + 1, type, payload, createdAt: at, runId: 'run_large' });
  push('run.started', { kind: 'stop', config, sandbox_level: 'bubblewrap', resumed: false });
  const improvers = Array.from({ length: repeats }, (_, repeat) =>
    Array.from({ length: iterations + 1 }, (_, iteration) => {
      const id = repeat * (iterations + 1) + iteration + 1;
      return {
        id, runId: 'run_large', repeat, iteration, parentId: iteration === 0 ? null : id - 1, code: SEED,
        codeHash: `h${repeat}-${iteration}`, trainMetaUtility: 0.4 + iteration / 15, testMetaUtility: 0.38 + iteration / 15,
        testStandardError: 0.02, adopted: true, strategyTags: [], findings: [], createdAt: at,
      };
    }),
  ).flat();
  const perIteration = Math.floor((EVENTS - 2 - 3 * improvers.length) / improvers.length);
  for (const improver of improvers) {
    push('iteration.started', { repeat: improver.repeat, iteration: improver.iteration });
    for (let index = 0; index < perIteration; index += 1) {
      if (index % 2 === 0) {
        push('lm.call', { call_id: events.length, step_key: `r0/inv/x/lpn/c${index % 5}`, model: 'scripted', n: 6, prompt_tokens: 600, completion_tokens: 1500, latency_ms: 3, cost_usd: 0, retries: 0, error: null });
      } else {
        push('utility.evaluated', { task_id: 'lpn', set: 'train', utility: (index % 100) / 100, cached: false, duration_ms: 40 });
      }
    }
    push('improver.recorded', { repeat: improver.repeat, iteration: improver.iteration, improver_id: improver.id, adopted: true, train_meta_utility: improver.trainMetaUtility, strategy_tags: [] });
  }
  while (events.length < EVENTS - 1) push('log', { level: 'info', message: `filler ${events.length}` });
  push('run.completed', { result: {} });
  const run = { id: 'run_large', kind: 'stop', title: 'Fifty thousand events', status: 'completed', config, seedImprover: SEED, provider: 'scripted', model: 'scripted', baseUrl: null, parentRunId: null, forkIteration: null, sandboxLevel: 'bubblewrap', result: {}, error: null, createdAt: at, startedAt: at, finishedAt: at, updatedAt: at };
  return JSON.stringify({ format: 'stop-studio-run', version: 1, exported_at: at, records: { run, improvers, candidates: extra.candidates, evaluations: [], lmCalls: extra.lmCalls, events, steps: extra.steps } });
}

async function importBundle(page: Page, name: string, bundle: string): Promise<void> {
  const file = path.join(os.tmpdir(), name);
  writeFileSync(file, bundle);
  await page.locator('#bundle').setInputFiles(file);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.waitForURL(/\/runs\/run_/, { timeout: 300_000 });
}

test('a run with 50,000 events imports, opens and stays usable', async ({ page }) => {
  await signIn(page);
  await importBundle(page, 'stop-e2e-large-bundle.json', largeBundle());

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
  await screenshot(page, 'run-50000-events');
});

const T = 6;
const R = 5;
const PER_ITERATION = 25;

/** Candidates (T = 6, R = 5, 25 per iteration), and per self-improvement step its LM calls and utility calls. */
function lineageRecords(): Extra {
  const at = new Date('2026-01-01T00:00:00Z');
  const candidates: Record<string, unknown>[] = [];
  const lmCalls: Record<string, unknown>[] = [];
  const steps: Record<string, unknown>[] = [];
  let id = 1;
  for (let repeat = 0; repeat < R; repeat += 1) {
    for (let iteration = 1; iteration <= T; iteration += 1) {
      const stepKey = `r${repeat}/t${iteration}/improve`;
      const utilityTrace = [];
      for (let c = 0; c < PER_ITERATION; c += 1) {
        const hash = `cand-${repeat}-${iteration}-${c}`;
        const code = `${SEED}\n# candidate ${repeat}/${iteration}/${c}${c % 4 === 0 ? ' beam search' : ''}\n`;
        candidates.push({ id: id++, runId: 'run_large', stepKey: `r${repeat}/t${iteration}/cand/${hash}`, repeat, iteration, role: 'improver', code, codeHash: c === 0 ? `h${repeat}-${iteration}` : hash, utility: (c * 37 % 100) / 100, error: null, createdAt: at.toISOString() });
        utilityTrace.push({ at_ms: 100 + c * 40, program_hash: hash, score: (c * 37 % 100) / 100, cached: c % 5 === 4, duration_ms: 35, error: null });
      }
      for (let call = 0; call < 4; call += 1) {
        lmCalls.push({ id: id++, runId: 'run_large', requestKey: `${stepKey}-${call}`, ordinal: 0, stepKey, provider: 'scripted', model: 'scripted', request: { messages: ['system', `Improve the improver (call ${call})`], n: 6, temperature: 0.7 }, responses: ['```python\nprint(1)\n```'], promptTokens: 600, completionTokens: 1500, costUsd: 0, latencyMs: 30, retries: 0, error: null, createdAt: new Date(at.getTime() + 1000 + call * 250).toISOString() });
      }
      steps.push({ runId: 'run_large', stepKey, result: { solution: SEED, unchanged: false, error: null, circumventions: [], lmCalls: 4, utilityCalls: PER_ITERATION, durationMs: 2_000, utilityTrace }, createdAt: new Date(at.getTime() + 2_000).toISOString() });
    }
  }
  return { candidates, lmCalls, steps };
}

test('a 50,000-event run with T = 6, R = 5 and 25 candidates per iteration: lineage and trace load', async ({ page }) => {
  await signIn(page);
  await importBundle(page, 'stop-e2e-large-lineage-bundle.json', largeBundle(T, R, lineageRecords()));
  const runPath = new URL(page.url()).pathname;

  const lineageStarted = Date.now();
  await page.goto(`${runPath}#lineage`);
  const lineage = page.getByTestId('lineage');
  await expect(lineage.getByText(`Repeat 4 · ${T * PER_ITERATION} candidates · ${T} adopted`)).toBeVisible();
  await expect(lineage.locator('[data-node]').first()).toBeVisible();
  const lineageMs = Date.now() - lineageStarted;
  expect(await lineage.locator('[data-node]').count()).toBe(R * (T + 1 + T * PER_ITERATION));
  await lineage.locator('[data-node^="c"]').nth(3).click();
  await expect(page.getByTestId('lineage-node')).toContainText(/Candidate #\d+/);
  // The node's code and its parent's have loaded (no fetch left in flight when the page moves on).
  await expect(page.getByTestId('lineage-node').getByRole('status', { name: 'Loading the code' })).toHaveCount(0);
  await page.locator('#lineage').screenshot({ path: path.join(SCREENSHOT_DIR, 'lineage-T6-R5-25.png') });

  const traceStarted = Date.now();
  await page.goto(`${runPath}/trace?step=${encodeURIComponent('r4/t6/improve')}`);
  await expect(page.getByTestId('invocation-trace').locator('[data-kind="utility"]')).toHaveCount(PER_ITERATION);
  const traceMs = Date.now() - traceStarted;
  await page.getByRole('link', { name: /^Utility call 7:/ }).click();
  await expect(page.getByTestId('trace-program')).toContainText(/candidate improver #\d+/);
  await screenshot(page, 'trace-50000-events');
  console.log(`50,000-event run: lineage view ${lineageMs} ms, trace view ${traceMs} ms`);
  // Timings are reported, not asserted: a loaded machine must not fail the test (targets: `stop bench`).
});

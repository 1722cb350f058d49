import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, screenshot, signIn, test } from './support';
import { readProgram } from '../lib/improvers/programs';
import { launchRun, RUN_DONE, waitForStatus } from './runs-api';

/** A screenshot of one part of the page (full-page ones are hard to read for tall pages). */
async function part(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

const SEED = readProgram('seed');

/** Figure-4-like: the seed improver on learning parity with noise, several repeats, scripted model. */
const FIGURE4 = { kind: 'stop', taskId: 'lpn', seedImprover: SEED, iterations: 2, repeats: 3, copies: 2, seed: 0 };

test.describe.configure({ mode: 'serial' });

let runA = '';
let runB = '';

test('lineage → node → diff, and trace → candidate, on a completed Figure-4-like run (also shared)', async ({ page }) => {
  await signIn(page);
  runA = await launchRun(page.request, { ...FIGURE4, title: 'e2e research A' });
  // Another model, so that the paired differences vary (identical differences have no t statistic).
  runB = await launchRun(page.request, { ...FIGURE4, title: 'e2e research B', adoption: 'no-worse', model: { provider: 'scripted', model: 'scripted-strong' } });
  await waitForStatus(page.request, runA, 'completed');

  await page.goto(`/runs/${runA}`);
  const lineage = page.getByTestId('lineage');
  await expect(lineage).toBeVisible();
  await expect(lineage.getByText(/Repeat 0 · \d+ candidates · \d+ adopted/)).toBeVisible();
  await expect(page.getByTestId('overfitting')).toBeVisible();
  await expect(page.getByTestId('spend')).toContainText('Spent so far');
  await page.locator('#overfitting').scrollIntoViewIfNeeded();
  await screenshot(page, 'research-run-page');

  // Zoom in and out.
  await lineage.getByRole('button', { name: 'Zoom in' }).click();
  await expect(lineage.getByText('125%')).toBeVisible();
  await lineage.getByRole('button', { name: 'Zoom out' }).click();

  // A candidate of iteration 1: its code against its parent.
  const candidate = lineage.locator('[data-node^="c"]').first();
  await candidate.click();
  const panel = page.getByTestId('lineage-node');
  await expect(panel).toContainText(/Candidate #\d+/);
  await expect(panel).toContainText('training û');
  await expect(panel.getByRole('tab', { name: 'Diff against parent' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.monaco-diff-editor')).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'lineage-node-diff');
  await part(page.locator('#lineage'), 'lineage-card');
  await part(page.locator('#overfitting'), 'training-vs-test-card');
  await part(page.locator('#spend'), 'spend-card');

  // The adopted improver of iteration 1 (a chain node).
  await lineage.locator('[data-node^="i"]').nth(1).click();
  await expect(panel).toContainText(/Improver I1|Seed improver/);

  // Trace of the self-improvement step that proposed the candidate.
  await candidate.click();
  await panel.getByRole('link', { name: 'Trace of the step that proposed it' }).click();
  await page.waitForURL(/\/runs\/run_[a-z0-9]+\/trace\?step=/);
  const trace = page.getByTestId('invocation-trace');
  await expect(trace).toBeVisible();
  await expect(trace.locator('[data-kind="lm"]').first()).toContainText(/LM call 1/);
  await expect(trace.locator('[data-kind="returned"]')).toBeVisible();
  await expect(page.getByTestId('best-so-far-chart')).toBeVisible();
  await trace.getByRole('link', { name: /^Utility call 1:/ }).click();
  await page.waitForURL(/call=1/);
  const program = page.getByTestId('trace-program');
  await expect(program).toContainText('Program of utility call 1');
  await expect(program).toContainText(/candidate improver #\d+/);
  await expect(program.locator('.monaco-editor')).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'trace-self-improvement');
  await part(page.locator('#trace'), 'trace-card');

  // A downstream copy's trace: its utility calls score solutions.
  await page.goto(`/runs/${runA}/trace`);
  await page.getByRole('link', { name: /^Downstream copy/ }).first().click();
  await expect(page.getByTestId('invocation-trace').locator('[data-kind="utility"]').first()).toBeVisible();
  await page.getByRole('link', { name: /^Utility call 1:/ }).click();
  await expect(page.getByTestId('trace-program')).toContainText(/model response|seed solution|improver of/);
  await screenshot(page, 'trace-downstream');

  // The shared page shows the lineage too, and its trace links stay inside the share.
  await page.goto(`/runs/${runA}`);
  await page.getByTestId('share-run').click();
  const sharePath = (await page.getByTestId('share-link').first().getAttribute('href'))!;
  await page.goto(sharePath);
  const shared = page.getByTestId('lineage');
  await expect(shared).toBeVisible();
  await shared.locator('[data-node^="c"]').first().click();
  await expect(page.getByTestId('lineage-node').locator('.monaco-diff-editor')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('link', { name: 'Trace of the step that proposed it' }).click();
  await page.waitForURL(new RegExp(`${sharePath}/trace\\?step=`));
  await expect(page.getByTestId('invocation-trace')).toBeVisible();
});

test('the Compare page names the paired test for runs launched with the same seed', async ({ page }) => {
  await signIn(page);
  await waitForStatus(page.request, runB, 'completed');
  await page.goto(`/compare?runs=${runA},${runB}`);
  const comparison = page.getByTestId('paired-comparison');
  await expect(comparison).toBeVisible();
  await expect(comparison.getByTestId('comparison-method')).toHaveText('Paired t-test (df = 2)');
  await expect(comparison.getByRole('row')).toHaveCount(4);
  await expect(comparison.getByTestId('comparison-p')).not.toHaveText('');
  await page.locator('#significance').scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-paired');
  await part(page.locator('#significance'), 'compare-paired-card');

  // Another seed: independent samples. The default scripted model reaches 100 % on every repeat by
  // iteration 1 (zero variance), so C is compared with B, whose repeats still differ there.
  const runC = await launchRun(page.request, { ...FIGURE4, title: 'e2e research C', seed: 1, iterations: 1 });
  await waitForStatus(page.request, runC, 'completed');
  await page.goto(`/compare?runs=${runB},${runC}`);
  await expect(page.getByTestId('comparison-method')).toHaveText(/^Welch's t-test/);
  await page.goto(`/compare?runs=${runA},${runC}`);
  await expect(page.getByTestId('comparison-none')).toContainText('both runs have zero variance');
});

test('a transfer experiment of an improver picked from a run shows in the heatmap with numbers on hover', async ({ page }) => {
  await signIn(page, '/transfer');
  const launcher = page.getByRole('form', { name: 'Measure an improver on other tasks' });
  const select = launcher.getByLabel('Improver');
  const option = await select.locator('option').nth(1).getAttribute('value');
  await select.selectOption(option!);
  for (const task of ['string-grid', 'quadratic-assignment', '3sat']) await launcher.getByLabel(task).uncheck();
  await launcher.getByLabel('Copies').fill('1');
  await launcher.getByRole('button', { name: 'Measure on these tasks' }).click();
  await page.waitForURL(/\/transfer$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('transfer-heatmap')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: RUN_DONE, intervals: [2_000] });
  const cell = page.getByTestId('transfer-heatmap').getByRole('button', { name: /on parity: gain/ });
  await cell.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'parity' })).toBeVisible();
  await expect(page.getByRole('tooltip').filter({ hasText: 'parity' })).toContainText(/95 %/);
  await page.locator('#heatmap').scrollIntoViewIfNeeded();
  await screenshot(page, 'transfer-heatmap');
  await part(page.locator('#heatmap'), 'transfer-heatmap-card');
});

async function fillCap(page: Page, tokens: string): Promise<void> {
  await page.getByLabel('Max tokens').fill(tokens);
}

test('a token cap stops a run with budget_reached; it resumes with a higher cap and completes', async ({ page }) => {
  await signIn(page, '/runs/new');
  // The preflight shows the estimate against the cap.
  await page.getByRole('radio', { name: /Quick demo/ }).click();
  await fillCap(page, '1000');
  await expect(page.getByTestId('preflight-cap').or(page.getByText('Preflight check unavailable'))).toBeVisible({ timeout: 240_000 });
  if (await page.getByTestId('preflight-cap').isVisible()) {
    await expect(page.getByTestId('preflight-cap')).toContainText('budget_reached');
    await page.getByTestId('preflight-cap').scrollIntoViewIfNeeded();
    await screenshot(page, 'preflight-spend-cap');
  }

  const runId = await launchRun(page.request, { ...FIGURE4, title: 'e2e capped', taskId: 'parity', iterations: 1, repeats: 1, spendCap: { maxTokens: 2_000 } });
  await waitForStatus(page.request, runId, 'budget_reached');
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toContainText('budget_reached');
  await expect(page.getByTestId('alerts')).toContainText('Stopped at the spend cap');
  await expect(page.getByTestId('spend')).toContainText('cap 2,000 tokens');
  const form = page.getByRole('form', { name: 'Resume with a higher spend cap' });
  await form.getByLabel('New max tokens').fill('100000000');
  await screenshot(page, 'run-budget-reached');
  await form.getByRole('button', { name: 'Resume with this cap' }).click();
  await expect(page.getByTestId('run-status')).toContainText('completed', { timeout: RUN_DONE });
  await expect(page.getByTestId('spend')).toContainText('cap 100,000,000 tokens');
});

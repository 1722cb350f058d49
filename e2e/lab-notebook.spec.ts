import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { ComparePage } from './pages/compare-page';
import { NewRunPage } from './pages/new-run-page';
import { RunsTablePage } from './pages/runs-table-page';
import { anonymousContext, authHeader, expect, readUntilClosed, SCREENSHOT_DIR, signIn, SLOW_IMPROVER, test } from './support';

const RUN_DONE = 600_000;
const BROKEN_LINE = 'x = (1 +';
const BROKEN_SEED = 'def improve_algorithm(initial_solution, utility, language_model):\n    return (initial_solution +\n';
const SMALL_BUDGETS = { lmCalls: 2, maxResponsesPerCall: 4, utilityCalls: 8, metaUtilityCalls: 8 };

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

async function launchByApi(request: APIRequestContext, config: Record<string, unknown>): Promise<string> {
  const response = await request.post('/api/runs', { headers: { ...authHeader, 'content-type': 'application/json' }, data: config });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { runId: string }).runId;
}

/** Marks the document: a reload would lose the mark. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}

test.describe.configure({ mode: 'serial' });

const ids: { broken?: string; brokenWeak?: string; live?: string; baseline?: string } = {};

test('a seed the preflight rejects needs "launch anyway"; its run ends failed and the list says why', async ({ page }) => {
  await signIn(page, '/runs/new');
  const newRun = new NewRunPage(page);
  await newRun.preset(/Quick demo/);
  await newRun.title('e2e broken seed');
  await newRun.appendToSeed(BROKEN_LINE);
  await expect(newRun.rejection).toContainText('syntax error', { timeout: RUN_DONE });
  await expect(newRun.launchButton).toBeDisabled();
  await newRun.launchAnyway.check();
  await expect(newRun.launchButton).toBeEnabled();
  ids.broken = await newRun.launch();
  await expect(page.getByTestId('run-status')).toContainText('failed', { timeout: RUN_DONE });
  await expect(page.getByTestId('edited-seed-link')).toHaveAttribute('href', `/diff?a=stock:seed&b=seed:${ids.broken}`);

  const table = new RunsTablePage(page);
  await table.goto();
  const row = table.row(ids.broken);
  await expect(row).toContainText('failed');
  await expect(row.getByTestId('run-error')).toContainText('never produced a scorable result');

  // The edited seed is marked, and the mark opens its diff against the stock seed.
  await row.getByTestId('edited-seed-link').click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=stock:seed&b=seed:${ids.broken}$`));
  await expect(page.getByTestId('diff-side-a')).toContainText('Stock seed improver');
  await expect(page.getByTestId('diff-side-b')).toContainText('e2e broken seed');
});

test('Compare gives no t statistic for zero variance or for a run still going, and says why', async ({ page, request }) => {
  await signIn(page, '/');
  ids.brokenWeak = await launchByApi(request, { kind: 'stop', title: 'e2e broken seed (weak model)', seedImprover: BROKEN_SEED, taskId: 'lpn', iterations: 2, repeats: 2, copies: 2, budgets: SMALL_BUDGETS, model: { provider: 'scripted', model: 'scripted-weak' } });
  const long = await launchByApi(request, { kind: 'stop', title: 'e2e long run', seedImprover: BROKEN_SEED.replace('(initial_solution +', 'initial_solution'), taskId: 'lpn', iterations: 20, repeats: 2, copies: 2, budgets: SMALL_BUDGETS, model: { provider: 'scripted', model: 'scripted-strong' } });
  const compare = new ComparePage(page);

  await compare.goto([ids.broken!, long]);
  await expect(compare.refusals.first()).toContainText(/at iteration \d+ of 20, still running/);
  await expect(compare.statistics).toHaveCount(0);
  await request.post(`/api/runs/${long}/cancel`, { headers: authHeader });

  // Both broken runs score 0 on every repeat: the paired differences have no variance.
  await expect
    .poll(async () => {
      await compare.goto([ids.broken!, ids.brokenWeak!]);
      return (await compare.refusals.first().textContent()) ?? '';
    }, { timeout: RUN_DONE })
    .toMatch(/zero variance/);
  await expect(compare.statistics).toHaveCount(0);
  await expect(page.getByText(/t\s*−?∞/)).toHaveCount(0);
});

test('a run watched to its end fills Lineage, Spend and training-vs-test without a reload', async ({ page }) => {
  await signIn(page, '/runs/new');
  const newRun = new NewRunPage(page);
  await newRun.preset(/Quick demo/);
  await newRun.title('e2e live notebook run');
  await newRun.waitForPreflight();
  ids.live = await newRun.launch();
  await markDocument(page);
  await expect(page.getByTestId('run-status')).toContainText('completed', { timeout: RUN_DONE });
  // Lineage and Spend are drawn on the server: they must have been refreshed, not reloaded.
  await expect(page.getByTestId('lineage')).toBeVisible({ timeout: RUN_DONE });
  await expect(page.getByText('No improvers recorded yet.')).toHaveCount(0);
  await expect(page.getByTestId('spend')).toContainText(/ [1-9][\d,]* tokens in [1-9][\d,]* LM calls/, { timeout: RUN_DONE });
  await expect(page.getByTestId('spend').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('overfitting').locator('tbody tr')).toHaveCount(3, { timeout: RUN_DONE });
  await expectNotReloaded(page);
});

test('a transfer result appears without a reload', async ({ page }) => {
  await signIn(page, '/runs/new');
  const newRun = new NewRunPage(page);
  await newRun.preset(/Table 1/);
  const tasks = page.locator('#taskIds input[type=checkbox]');
  for (let index = (await tasks.count()) - 1; index >= 1; index -= 1) await tasks.nth(index).uncheck();
  await tasks.first().check();
  await page.getByLabel('Copies k').fill('1');
  for (const [label, value] of [['LM calls', '1'], ['Responses per call', '2'], ['Utility calls', '2']] as const) await page.getByLabel(label, { exact: true }).fill(value);
  await newRun.title('e2e live transfer');
  await newRun.waitForPreflight();
  const runId = await newRun.launch(/\/transfer#run_[a-z0-9]+$/);
  await markDocument(page);
  const card = page.locator(`[id="${runId}"]`);
  await expect(card.locator('table')).toBeVisible({ timeout: RUN_DONE });
  await expect(card.getByTestId('experiment-running')).toHaveCount(0);
  await expectNotReloaded(page);
});

test('baselines launch from New run and show on Compare and as Figure 4 reference lines', async ({ page }) => {
  await signIn(page, '/runs/new');
  const newRun = new NewRunPage(page);
  await newRun.preset(/Quick demo/);
  await newRun.kind('baseline');
  await page.getByLabel('Baseline', { exact: true }).selectOption('chain-of-thought');
  await newRun.title('e2e chain-of-thought baseline');
  ids.baseline = await newRun.launch();
  await expect(page.getByTestId('run-status')).toContainText('completed', { timeout: RUN_DONE });

  await page.goto(`/runs/${ids.live!}`);
  await expect(page.getByTestId('figure4-chart')).toHaveAttribute('data-references', '1');
  await expect(page.locator('.baseline-reference')).toHaveCount(1);

  const compare = new ComparePage(page);
  await compare.goto([ids.live!, ids.baseline]);
  await expect(page.getByTestId('compare-baselines')).toContainText('chain-of-thought');
  await expect(compare.chart).toHaveAttribute('data-references', '1');
});

test('the runs table filters, sorts, renames, notes, groups, and keeps its view in the URL', async ({ page }) => {
  await signIn(page, '/');
  const table = new RunsTablePage(page);
  await table.goto();
  await table.editLabels(ids.live!, { title: 'Notebook live run', tags: 'keep, paper', note: 'Quick demo with the any-nonzero gate.' });
  await expect(table.row(ids.live!).getByTestId('run-note')).toHaveText('Quick demo with the any-nonzero gate.');
  await expect(table.row(ids.live!).getByTestId('run-tags')).toContainText('keep');

  await table.filter({ Model: 'scripted-strong', Tag: 'keep' });
  expect(await table.runIds()).toEqual([ids.live]);
  expect(new URL(page.url()).searchParams.get('tag')).toBe('keep');

  await table.goto('?model=scripted-strong');
  await expect(table.row(ids.brokenWeak!)).toHaveCount(0);
  await table.sortBy('final');
  const finals = await table.finals();
  expect(finals.length).toBeGreaterThanOrEqual(2);
  expect([...finals].sort((a, b) => b - a)).toEqual(finals);
  await shot(page, 'runs-table');

  await table.goto();
  await table.filter({ 'Group by': 'model' });
  await expect(table.groups.filter({ has: page.getByText('scripted-weak') }).first()).toBeVisible();
  await expect(table.groups.filter({ has: page.getByText('scripted-strong') }).first()).toBeVisible();
  // One group per model among the runs (other specs' runs may add models of their own).
  const groupCount = await table.groups.count();
  expect(groupCount).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('run-groups').getByTestId('compare-chart')).toBeVisible();
  await table.sortBy('final');
  const url = page.url();
  const order = await table.runIds();
  await shot(page, 'grouped-comparison');
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(table.groups).toHaveCount(groupCount);
  expect(await table.runIds()).toEqual(order);
  await expect(page.getByRole('search', { name: 'Filter runs' }).getByLabel(/^Group by/)).toHaveValue('model');
});

test('a shared comparison opens in a fresh browser and is gone after revocation', async ({ page, browser, consoleErrors }) => {
  await signIn(page, '/');
  const compare = new ComparePage(page);
  await compare.goto([ids.live!, ids.baseline!]);
  const path = await compare.share();
  expect(path).toMatch(/^\/share\/compare\/[A-Za-z0-9_-]{43}$/);

  const reader = await anonymousContext(browser, consoleErrors);
  const shared = await reader.newPage();
  await shared.goto(path);
  await expect(shared.getByTestId('shared-comparison')).toContainText('Notebook live run');
  await expect(shared.getByTestId('compare-chart')).toHaveAttribute('data-references', '1');
  await expect(shared.getByRole('link', { name: /Notebook live run/ })).toHaveCount(0);
  await shot(shared, 'shared-comparison');

  await compare.revokeFirst();
  const fresh = await browser.newContext();
  const gone = await (await fresh.newPage()).goto(path);
  expect(gone?.status()).toBe(404);
  await fresh.close();
  await reader.close();
});

test('a shared comparison follows its running runs without a reload, and revocation closes its open streams', async ({ page, browser, consoleErrors, baseURL }) => {
  await signIn(page, '/');
  // Improvers that sleep for minutes: both runs surely run until cancelled.
  const slowRun = (title: string) => launchByApi(page.request, { kind: 'stop', title, taskId: 'lpn', seedImprover: SLOW_IMPROVER, iterations: 1, repeats: 1, copies: 1 });
  const first = await slowRun('e2e shared live first');
  const second = await slowRun('e2e shared live second');
  const compare = new ComparePage(page);
  await compare.goto([first, second]);
  const path = await compare.share();
  const token = path.split('/').pop()!;

  const reader = await anonymousContext(browser, consoleErrors);
  const shared = await reader.newPage();
  await shared.goto(path);
  const refusal = shared.getByTestId('comparison-none').first();
  await expect(refusal).toContainText(/e2e shared live first .* still running/);
  await markDocument(shared);
  const stream = await fetch(`${baseURL}/api/share/compare/${token}/events`);
  expect(stream.status).toBe(200);
  const streamDone = readUntilClosed(stream);

  // The first run reaches its final state; the open page follows without a reload.
  expect((await page.request.post(`/api/runs/${first}/cancel`, { headers: authHeader })).status()).toBe(200);
  await expect(refusal).toContainText(/e2e shared live second .* still running/, { timeout: RUN_DONE });
  await expectNotReloaded(shared);

  // Measured from the click, as the security spec measures a run share's stream (an upper bound).
  const revokedAt = Date.now();
  await compare.revokeFirst();
  const closed = await streamDone;
  expect(closed.text).toContain('event: revoked');
  console.log(`shared comparison stream closed ${closed.endedAt - revokedAt} ms after Revoke was clicked`);
  // The open page's own stream was told too: it refreshes into "not found".
  await expect(shared.getByTestId('shared-comparison')).toHaveCount(0, { timeout: RUN_DONE });
  expect((await shared.request.get(`/api/share/compare/${token}/events`)).status()).toBe(404);
  const fresh = await browser.newContext();
  const gone = await (await fresh.newPage()).goto(path);
  expect(gone?.status()).toBe(404);
  await fresh.close();
  await reader.close();
  expect((await page.request.post(`/api/runs/${second}/cancel`, { headers: authHeader })).status()).toBe(200);
});

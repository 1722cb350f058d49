import type { Page } from '@playwright/test';
import { anonymousContext, authHeader, expect, screenshot, signIn, test } from './support';

const RUN_DONE = 600_000;

async function chartPoints(page: Page): Promise<number> {
  return Number((await page.getByTestId('figure4-chart').getAttribute('data-points')) ?? '0');
}

async function lastSeq(page: Page): Promise<number> {
  const text = (await page.getByTestId('stream-status').textContent()) ?? '';
  return Number(/event ([\d,]+)/.exec(text)?.[1]?.replaceAll(',', '') ?? '0');
}

test.describe.configure({ mode: 'serial' });

test('edit the seed, launch a 2-iteration run, watch it stream, reload, diff, share', async ({ page, browser, consoleErrors }) => {
  await signIn(page, '/runs/new');

  // Type a change into the seed improver.
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 120_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# e2e: an edit typed into the seed improver', { delay: 15 });
  await expect(editor).toContainText('an edit typed into the seed improver');

  // A small STOP run: 2 iterations.
  await page.getByRole('radio', { name: /Quick demo/ }).click();
  await page.getByLabel('Iterations T').fill('2');
  await page.getByLabel('Title').fill('e2e live run');
  await expect(page.getByTestId('preflight').or(page.getByText('Preflight check unavailable'))).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'new-run-edited');
  await page.getByTestId('launch').click();
  await page.waitForURL(/\/runs\/run_[a-z0-9]+$/, { timeout: 120_000 });
  const runUrl = page.url();
  const runId = runUrl.split('/').pop()!;

  // Points and log lines arrive without reloading.
  const pointsAtLoad = await chartPoints(page);
  await expect.poll(() => chartPoints(page), { timeout: RUN_DONE }).toBeGreaterThan(pointsAtLoad);
  await expect(page.getByTestId('lm-call-row').first()).toBeVisible({ timeout: RUN_DONE });
  await screenshot(page, 'run-live');

  // Reload mid-run (if it is still running): everything so far is there and streaming goes on.
  const status = (await page.getByTestId('run-status').textContent()) ?? '';
  const seqBefore = await lastSeq(page);
  const pointsBefore = await chartPoints(page);
  await page.reload();
  expect(await lastSeq(page)).toBeGreaterThanOrEqual(seqBefore);
  expect(await chartPoints(page)).toBeGreaterThanOrEqual(pointsBefore);
  if (status.includes('running')) {
    await expect(page.getByTestId('stream-status')).toContainText(/live|complete/);
    await expect.poll(() => lastSeq(page), { timeout: RUN_DONE }).toBeGreaterThan(seqBefore);
  }

  await expect(page.getByTestId('run-status')).toContainText('completed', { timeout: RUN_DONE });
  await expect.poll(() => chartPoints(page)).toBe(3);
  await screenshot(page, 'run-completed');

  // Diff between iterations 0 and 1.
  await page.getByRole('link', { name: 'diff 0 → 1' }).first().click();
  await page.waitForURL(/\/diff\?a=\d+&b=\d+/);
  await expect(page.getByTestId('diff-side-a')).toContainText('iteration 0');
  await expect(page.getByTestId('diff-side-b')).toContainText('iteration 1');
  await expect(page.locator('.monaco-diff-editor')).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'diff');

  // Share.
  await page.goto(runUrl);
  await page.getByTestId('share-run').click();
  const shareLink = page.getByTestId('share-link').first();
  await expect(shareLink).toBeVisible();
  const sharePath = (await shareLink.getAttribute('href'))!;
  expect(sharePath).toMatch(/^\/share\/[A-Za-z0-9_-]{43}$/);

  // A second browser without the admin session.
  const anonymous = await anonymousContext(browser, consoleErrors);
  const other = await anonymous.newPage();
  await other.goto(sharePath);
  await expect(other.getByRole('heading', { level: 1, name: 'e2e live run' })).toBeVisible();
  await expect(other.getByTestId('run-status')).toContainText('completed');
  await expect(other.getByTestId('cancel-run')).toHaveCount(0);
  await expect(other.getByTestId('share-run')).toHaveCount(0);
  await expect.poll(() => chartPoints(other)).toBe(3);
  await screenshot(other, 'shared-run');
  await other.getByRole('link', { name: 'diff 0 → 1' }).first().click();
  await other.waitForURL(new RegExp(`${sharePath}/diff\\?a=\\d+&b=\\d+`));
  await expect(other.locator('.monaco-diff-editor')).toBeVisible({ timeout: 120_000 });
  await screenshot(other, 'shared-diff');

  // ... cannot reach the rest of the app, and the server refuses its mutations.
  await other.goto(`/runs/${runId}`);
  await expect(other).toHaveURL(/\/sign-in/);
  const launch = await anonymous.request.post('/api/runs', { data: { kind: 'stop', seedImprover: 'def improve_algorithm(a, b, c):\n    return a\n', iterations: 1 } });
  expect(launch.status()).toBe(401);
  const cancel = await anonymous.request.post(`/api/runs/${runId}/cancel`);
  expect(cancel.status()).toBe(401);
  // Reads of a run without access answer exactly as for a run that does not exist.
  const stream = await anonymous.request.get(`/api/runs/${runId}/events`);
  expect(stream.status()).toBe(404);
  const otherRun = await anonymous.request.get(`/api/runs/${runId}/export`);
  expect(otherRun.status()).toBe(404);
  const unknown = await anonymous.request.get('/api/runs/run_doesnotexist/export');
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual(await otherRun.json());
  await anonymous.close();

  // Revoking the link closes it.
  await page.getByRole('button', { name: 'Revoke' }).first().click();
  await expect(page.getByText(/revoked/).first()).toBeVisible();
  const afterRevoke = await page.request.get(sharePath);
  expect(afterRevoke.status()).toBe(404);
});

test('the home page lists the run and compare plots it', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('link', { name: 'e2e live run' })).toBeVisible();
  await screenshot(page, 'runs-with-data');
  await page.getByRole('checkbox', { name: 'Compare e2e live run' }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.getByTestId('compare-chart')).toBeVisible();
  await expect(page.getByRole('cell', { name: /\+|−|0\.0/ }).first()).toBeVisible();
  await screenshot(page, 'compare-with-data');
});

const SLOW_IMPROVER =
  'import time\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    time.sleep(600)\n    return initial_solution\n';

test('a running run can be cancelled from its page', async ({ page }) => {
  await signIn(page);
  const launched = await page.request.post('/api/runs', {
    headers: authHeader,
    // An improver that takes minutes per invocation: the run is surely still running when cancelled.
    data: { kind: 'stop', title: 'e2e cancel me', taskId: 'lpn', seedImprover: SLOW_IMPROVER, iterations: 6, repeats: 3, copies: 3 },
  });
  expect(launched.status()).toBe(201);
  const { runId } = (await launched.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toContainText('cancelled', { timeout: 120_000 });
  await screenshot(page, 'run-cancelled');

  // Export downloads the bundle of the run.
  const exported = await page.request.get(`/api/runs/${runId}/export`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-disposition']).toContain(`stop-run-${runId}.json`);
  expect(((await exported.json()) as { format: string }).format).toBe('stop-studio-run');
});

// Improves a task solution at once, so iteration 0 is measured quickly, and then takes ten minutes to
// improve itself: the run is certainly still going when the page reloads (the test cancels it). A run
// that merely takes a while could end while a loaded machine reloads the page.
const STALLS_ON_ITSELF =
  'import time\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    if "def improve_algorithm" in initial_solution:\n        time.sleep(600)\n    return initial_solution\n';

test('reloading the run page mid-run shows everything so far and goes on streaming', async ({ page }) => {
  await signIn(page);
  const launched = await page.request.post('/api/runs', {
    headers: authHeader,
    data: { kind: 'stop', title: 'e2e reload mid-run', taskId: 'parity', seedImprover: STALLS_ON_ITSELF, iterations: 3, repeats: 1, copies: 2 },
  });
  expect(launched.status()).toBe(201);
  const { runId } = (await launched.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  await expect.poll(() => chartPoints(page), { timeout: 240_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('run-status')).toContainText('running');
  const seqBefore = await lastSeq(page);
  const pointsBefore = await chartPoints(page);

  await page.reload();
  expect(await lastSeq(page)).toBeGreaterThanOrEqual(seqBefore);
  expect(await chartPoints(page)).toBeGreaterThanOrEqual(pointsBefore);
  await expect(page.getByTestId('run-status')).toContainText('running');
  await expect(page.getByTestId('stream-status')).toContainText('live');
  // The run's next events reach the reloaded page without another reload: its cancellation is one.
  const seqAfterReload = await lastSeq(page);
  const cancelled = await page.request.post(`/api/runs/${runId}/cancel`, { headers: authHeader });
  expect(cancelled.ok()).toBe(true);
  await expect.poll(() => lastSeq(page), { timeout: RUN_DONE }).toBeGreaterThan(seqAfterReload);
  await expect(page.getByTestId('run-status')).toContainText('cancelled', { timeout: RUN_DONE });
  expect(await chartPoints(page)).toBeGreaterThanOrEqual(pointsBefore);
});

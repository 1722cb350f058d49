import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './support';
import { readProgram } from '../lib/improvers/programs';
import { launchRun, waitForStatus } from './runs-api';

const SEED = readProgram('seed');

/** WCAG 2 A and AA violations on the page as it is now, one line per rule and element. */
async function violations(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.flatMap((violation) => violation.nodes.map((node) => `${name}: ${violation.id} — ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`));
}

test('every page of a walk through the app has no WCAG 2 A/AA violation (axe-core)', async ({ page }) => {
  await signIn(page);
  const config = { kind: 'stop', taskId: 'lpn', seedImprover: SEED, iterations: 1, repeats: 2, copies: 1 };
  const runId = await launchRun(page.request, { ...config, seed: 0, title: 'e2e accessibility' });
  const otherId = await launchRun(page.request, { ...config, seed: 1, title: 'e2e accessibility 2' });
  await waitForStatus(page.request, runId);
  await waitForStatus(page.request, otherId);
  const found: string[] = [];
  const visit = async (name: string, url: string, ready: (page: Page) => Promise<void>) => {
    await page.goto(url);
    await ready(page);
    const here = await violations(page, name);
    // Printed as found, so one run of the walk lists every page's problems.
    if (here.length > 0) console.log(here.join('\n'));
    found.push(...here);
  };

  // The home page is the runs list.
  await visit('home (runs list)', '/', async (p) => { await expect(p.getByText('e2e accessibility').first()).toBeVisible(); });
  await visit('new run', '/runs/new', async (p) => { await expect(p.locator('.monaco-editor').first()).toBeVisible(); });
  await visit('completed run', `/runs/${runId}`, async (p) => {
    await expect(p.getByTestId('figure4-chart')).toHaveAttribute('data-points', '2');
    await expect(p.getByTestId('lineage')).toBeVisible();
    await expect(p.locator('#code .monaco-editor')).toBeVisible();
  });
  await visit('trace', `/runs/${runId}/trace`, async (p) => { await expect(p.getByRole('navigation', { name: 'Invocations' })).toBeVisible(); });

  await page.goto(`/runs/${runId}`);
  await page.getByTestId('share-run').click();
  const sharePath = (await page.getByTestId('share-link').first().getAttribute('href'))!;
  await visit('share page', sharePath, async (p) => { await expect(p.getByTestId('lineage')).toBeVisible(); });

  await page.goto(`/runs/${runId}`);
  await page.getByTestId('lineage').locator('[data-node^="c"]').first().click();
  await expect(page.getByTestId('lineage-node').locator('.monaco-diff-editor')).toBeVisible();
  const diffFound = await violations(page, 'open diff (lineage)');
  if (diffFound.length > 0) console.log(diffFound.join('\n'));
  found.push(...diffFound);
  await visit('diff page', `/diff`, async (p) => { await expect(p.locator('main h1')).toBeVisible(); });

  await visit('compare', `/compare?runs=${runId},${otherId}`, async (p) => { await expect(p.getByTestId('compare-chart')).toBeVisible(); });
  await visit('compare panels', `/compare?runs=${runId},${otherId}&layout=panels`, async (p) => { await expect(p.getByTestId('figure4-chart').first()).toBeVisible(); });
  await visit('transfer', '/transfer', async (p) => { await expect(p.locator('main h1')).toBeVisible(); });
  await visit('sandbox study', '/sandbox-study', async (p) => { await expect(p.locator('main h1')).toBeVisible(); });
  await visit('tasks', '/tasks', async (p) => { await expect(p.locator('main h1')).toBeVisible(); });
  await visit('settings', '/settings', async (p) => { await expect(p.locator('main h1')).toBeVisible(); });

  expect(found, found.join('\n')).toEqual([]);
});

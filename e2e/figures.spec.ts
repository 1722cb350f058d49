import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import { anonymousContext, expect, SCREENSHOT_DIR, signIn, test } from './support';
import { readProgram } from '../lib/improvers/programs';
import { launchRun, waitForStatus } from './runs-api';

const SEED = readProgram('seed');

async function downloadFrom(page: Page, scope: Locator, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: button, exact: true }).click()]);
  const file = await download.path();
  return { download, bytes: readFileSync(file) };
}

/** The test û markers of an exported SVG, parsed by the browser (a parse error fails the test). */
async function svgPoints(page: Page, svg: string): Promise<{ iteration: number; value: number }[]> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    if (doc.querySelector('parsererror') || doc.documentElement.nodeName !== 'svg') throw new Error('the SVG does not parse');
    return [...doc.querySelectorAll('circle.test-point')].map((circle) => ({ iteration: Number(circle.getAttribute('data-iteration')), value: Number(circle.getAttribute('data-value')) }));
  }, svg);
}

function csvTestMeans(csv: string): Map<number, number> {
  const [header, ...lines] = csv.trim().split('\n').map((line) => line.split(','));
  const iteration = header!.indexOf('iteration');
  const mean = header!.indexOf('test_mean');
  return new Map(lines.filter((line) => line[mean] !== '').map((line) => [Number(line[iteration]), Number(line[mean])]));
}

test.describe.configure({ mode: 'serial' });

test('Figure 4 downloads as SVG, PNG and CSV that agree; share readers get it too; the transfer table downloads as LaTeX', async ({ page, browser, consoleErrors }) => {
  await signIn(page);
  const runId = await launchRun(page.request, { kind: 'stop', taskId: 'lpn', seedImprover: SEED, iterations: 2, repeats: 2, copies: 2, seed: 0, title: 'e2e figures' });
  const transferId = await launchRun(page.request, { kind: 'transfer', improver: SEED, baselineImprover: SEED, taskIds: ['parity'], copies: 1, title: 'e2e figures transfer' });
  await waitForStatus(page.request, runId);

  await page.goto(`/runs/${runId}`);
  const figure = page.locator('#figure4');
  await expect(figure.getByTestId('figure4-chart')).toHaveAttribute('data-points', '3');
  await expect(figure.getByText('test û, mean ± 1 s.e.')).toBeVisible();

  const svg = await downloadFrom(page, figure, 'Download Figure 4 as SVG');
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  const csv = await downloadFrom(page, figure, 'Download the data of Figure 4 as CSV');
  expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
  const points = await svgPoints(page, svg.bytes.toString('utf8'));
  const means = csvTestMeans(csv.bytes.toString('utf8'));
  expect(points.map((point) => point.iteration)).toEqual([0, 1, 2]);
  expect([...means.keys()]).toEqual([0, 1, 2]);
  for (const point of points) expect(point.value).toBeCloseTo(means.get(point.iteration)!, 10);

  const png = await downloadFrom(page, figure, 'Download Figure 4 as PNG');
  expect(png.download.suggestedFilename()).toMatch(/\.png$/);
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1600);

  // The exported figure, as a reader of the paper would see it.
  await page.setContent(`<body style="margin:0">${svg.bytes.toString('utf8').replace(/^<\?xml[^>]*>/, '')}</body>`);
  await page.locator('svg').first().screenshot({ path: path.join(SCREENSHOT_DIR, 'exported-figure4.png') });

  // Share-link readers: the same exports on the shared page, and the figures API honours the token.
  await page.goto(`/runs/${runId}`);
  await page.getByTestId('share-run').click();
  const sharePath = (await page.getByTestId('share-link').first().getAttribute('href'))!;
  const token = sharePath.split('/').at(-1)!;
  const reader = await anonymousContext(browser, consoleErrors);
  const readerPage = await reader.newPage();
  await readerPage.goto(sharePath);
  const shared = await downloadFrom(readerPage, readerPage.locator('#figure4'), 'Download the data of Figure 4 as CSV');
  expect(csvTestMeans(shared.bytes.toString('utf8'))).toEqual(means);
  const apiSvg = await readerPage.request.get(`/api/figures/${runId}?kind=figure4&format=svg&share=${token}`);
  expect(apiSvg.status()).toBe(200);
  expect(apiSvg.headers()['content-type']).toContain('image/svg+xml');
  const apiPoints = await svgPoints(readerPage, await apiSvg.text());
  expect(apiPoints.map((point) => point.iteration)).toEqual([0, 1, 2]);
  for (const point of apiPoints) expect(point.value).toBeCloseTo(means.get(point.iteration)!, 10);
  expect((await readerPage.request.get(`/api/figures/${runId}?kind=figure4&format=csv`)).status()).toBe(404);
  expect((await readerPage.request.get(`/api/figures/${transferId}?kind=table&format=latex&share=${token}`)).status()).toBe(404);
  await reader.close();

  await waitForStatus(page.request, transferId);
  await page.goto('/transfer');
  const table = page.locator('section').filter({ hasText: 'e2e figures transfer' }).last();
  const latex = await downloadFrom(page, table, 'Download Transfer: e2e figures transfer as LaTeX');
  expect(latex.download.suggestedFilename()).toBe(`transfer-${transferId}.tex`);
  const tex = latex.bytes.toString('utf8');
  for (const rule of ['\\toprule', '\\midrule', '\\bottomrule', '\\begin{tabular}{lrrrr}']) expect(tex).toContain(rule);
  expect(tex).toMatch(/^parity & [\d.]+\\% & /m);
});

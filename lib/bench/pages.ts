import { summarise, type Summary } from './stats';
import { builtAppMissing, launchScriptedRun, withBuiltApp, type BuiltApp } from './app-server';
import { isTerminal, RUN_STATUS } from '@/lib/runs/status';

/**
 * Page speed in Chromium on the built app (`next start`, throwaway data directory, no admin token):
 * a completed Figure-4 run page (ms from navigation until the chart shows its points, and until the
 * lineage is drawn) and the runs list (home page) with 200 runs (ms until its rows show; the table shows
 * its first page of 50, `runs_listed`; navigated to once the run page's own requests have finished). Each page is loaded
 * `samples` times in a fresh browser context after one warm-up load. The same contexts also load a
 * reference (the health check, no page rendering): `ratio` is a page's median over the reference's, which
 * moves less than the milliseconds when the machine is busy.
 */

export interface PageTiming extends Summary {
  target_ms: number;
  meets_target: boolean;
  /** Median over the reference page's median. */
  ratio: number | null;
}

export interface PagesReport {
  status: 'measured' | 'skipped';
  reason?: string;
  samples?: number;
  run_page_chart?: PageTiming;
  run_page_lineage?: PageTiming;
  runs_list_200?: PageTiming;
  runs_listed?: number;
  reference_page?: Summary;
}

const TARGETS = { chart: 1000, lineage: 2000, list: 500 };
const RUNS_IN_LIST = 200;

function timing(values: number[], target: number, reference: Summary): PageTiming {
  const summary = summarise(values);
  const ratio = reference.p50_ms > 0 ? Math.round((summary.p50_ms / reference.p50_ms) * 100) / 100 : null;
  return { ...summary, target_ms: target, meets_target: values.length > 0 && summary.p50_ms <= target, ratio };
}

/** The chart counts as shown when its points are drawn: by the chart library, or in the server-drawn SVG before it. */
const CHART_SHOWN = '[data-testid="figure4-chart"]:not([data-points="0"]) :is(svg.recharts-surface, svg.figure4-static)';

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

/** A completed Figure-4 run, and 199 imported copies of it for the runs list. */
async function prepareRuns(base: string, log: (line: string) => void): Promise<string> {
  log('pages: running a Figure-4 run (scripted model, T=2 R=3 k=2)');
  const runId = await launchScriptedRun(base, { title: 'bench: pages', iterations: 2, repeats: 3, copies: 2 });
  for (;;) {
    const { run } = (await json(await fetch(`${base}/api/runs/${runId}`))) as { run?: { status: string } };
    if (run?.status === RUN_STATUS.completed) break;
    if (run && isTerminal(run.status)) throw new Error(`the run ended ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  log(`pages: importing ${RUNS_IN_LIST - 1} copies of it for the runs list`);
  const bundle = await (await fetch(`${base}/api/runs/${runId}/export`)).text();
  for (let copy = 1; copy < RUNS_IN_LIST; copy += 1) {
    const imported = await fetch(`${base}/api/runs/import`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: bundle });
    if (!imported.ok) throw new Error(`importing copy ${copy} failed: ${String((await json(imported)).error ?? imported.status)}`);
  }
  return runId;
}

async function samplePages({ base, browser }: BuiltApp, runId: string, samples: number, log: (line: string) => void): Promise<PagesReport> {
  const chart: number[] = [];
  const lineage: number[] = [];
  const list: number[] = [];
  const reference: number[] = [];
  let listed = 0;
  for (let sample = -1; sample < samples; sample += 1) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    const page = await context.newPage();
    let started = Date.now();
    await page.goto(`${base}/api/health`, { waitUntil: 'commit' });
    await page.locator('body').waitFor({ timeout: 600_000 });
    const referenceMs = Date.now() - started;
    started = Date.now();
    await page.goto(`${base}/runs/${runId}`, { waitUntil: 'commit' });
    await page.locator(CHART_SHOWN).first().waitFor({ timeout: 600_000 });
    const chartMs = Date.now() - started;
    await page.locator('[data-testid="lineage"] [data-node]').first().waitFor({ timeout: 600_000 });
    const lineageMs = Date.now() - started;
    // The list is measured from a quiet server and browser: the run page's own tail (the improver's code,
    // the editor's scripts) would otherwise be what the list waits for.
    await page.waitForLoadState('networkidle', { timeout: 600_000 });
    started = Date.now();
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    await page.locator('table tbody tr').first().waitFor({ timeout: 600_000 });
    const listMs = Date.now() - started;
    listed = await page.locator('table tbody tr').count();
    await context.close();
    // The first load of each page warms the server's code paths; it is not counted.
    if (sample < 0) continue;
    chart.push(chartMs);
    lineage.push(lineageMs);
    list.push(listMs);
    reference.push(referenceMs);
    log(`pages: sample ${sample + 1}: chart ${chartMs} ms, lineage ${lineageMs} ms, runs list ${listMs} ms, reference ${referenceMs} ms`);
  }
  const referenceSummary = summarise(reference);
  return {
    status: 'measured',
    samples,
    run_page_chart: timing(chart, TARGETS.chart, referenceSummary),
    run_page_lineage: timing(lineage, TARGETS.lineage, referenceSummary),
    runs_list_200: timing(list, TARGETS.list, referenceSummary),
    runs_listed: listed,
    reference_page: referenceSummary,
  };
}

export async function measurePages(options: { root: string; samples: number; log?: (line: string) => void }): Promise<PagesReport> {
  const missing = builtAppMissing(options.root);
  if (missing) return { status: 'skipped', reason: missing };
  const log = options.log ?? (() => undefined);
  return withBuiltApp(options.root, async (app) => samplePages(app, await prepareRuns(app.base, log), options.samples, log));
}

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { freePort, ROOT, startProcess as start, stopProcess } from './processes';
import { expect, test } from './support';

// On PostgreSQL, a run executed by a CLI coordinator streams live on the run page of an app server that is
// another process: the server learns of new events by LISTEN/NOTIFY (lib/runs/events.ts), not from its own engine.

const RUN_DONE = 600_000;
// Each invocation takes ~4 s, so the run is still going for a while after the page opens.
const STEADY_IMPROVER =
  'import time\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    time.sleep(4)\n    return initial_solution\n';

async function lastSeq(page: Page): Promise<number> {
  const text = (await page.getByTestId('stream-status').textContent()) ?? '';
  return Number(/event ([\d,]+)/.exec(text)?.[1]?.replaceAll(',', '') ?? '0');
}

let database: TestPostgres;
let server: ChildProcess | undefined;
let cli: ChildProcess | undefined;
let baseUrl = '';

test.beforeAll(async () => {
  database = await startTestPostgres();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = start('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    DATABASE_URL: database.url,
    STOP_ADMIN_TOKEN: '',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    NODE_ENV: 'production',
  });
  await expect.poll(async () => (await fetch(`${baseUrl}/api/health`).catch(() => undefined))?.status, { timeout: 300_000 }).toBe(200);
});

test.afterAll(async () => {
  stopProcess(cli);
  stopProcess(server);
  await database?.stop();
});

test('a run launched by the CLI on PostgreSQL streams live on the web page of another process', async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stop-e2e-cli-'));
  const improver = path.join(dir, 'steady.py');
  writeFileSync(improver, STEADY_IMPROVER);
  cli = start(process.execPath, [path.join(ROOT, 'bin/stop.mjs'), 'run', '--improver', improver, '--task', 'parity', '--iterations', '3', '--repeats', '1', '--copies', '2', '--json'], {
    DATABASE_URL: database.url,
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
  });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const runId = await expect
    .poll(async () => (await client.query<{ id: string }>('select id from runs').catch(() => ({ rows: [] }))).rows[0]?.id, { timeout: 300_000 })
    .toBeTruthy()
    .then(async () => (await client.query<{ id: string }>('select id from runs')).rows[0]!.id);
  await client.end();

  await page.goto(`${baseUrl}/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toContainText('running', { timeout: 240_000 });
  await expect(page.getByTestId('stream-status')).toContainText('live');
  const seqBefore = await lastSeq(page);
  // Events written by the CLI process arrive on the open page without a reload.
  await expect.poll(() => lastSeq(page), { timeout: RUN_DONE }).toBeGreaterThan(seqBefore);
  await expect(page.getByTestId('run-status')).toContainText('completed', { timeout: RUN_DONE });
  await expect.poll(async () => Number((await page.getByTestId('figure4-chart').getAttribute('data-points')) ?? '0')).toBe(4);
  expect(cli.exitCode === null || cli.exitCode === 0).toBe(true);

  // Settings lists both processes' evaluation slots: this server's (live) and the CLI's (stopped once it exits).
  await expect
    .poll(
      async () => {
        await page.goto(`${baseUrl}/settings`);
        const rows = page.getByRole('table', { name: 'Evaluation workers' }).locator('tbody tr');
        return [await rows.filter({ hasText: 'live' }).count(), await rows.filter({ hasText: 'stopped' }).count()];
      },
      { timeout: 240_000 },
    )
    .toEqual([1, 1]);
  await expect(page.getByRole('table', { name: 'Evaluation workers' })).toContainText('(local slots)');
});

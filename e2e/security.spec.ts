import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { ADMIN_TOKEN, authHeader, expect, readUntilClosed, signIn, SLOW_IMPROVER, test } from './support';
import { launchRun } from './runs-api';

test.describe.configure({ mode: 'serial' });

const SMALL_RUN = { kind: 'stop', taskId: 'lpn', seedImprover: SLOW_IMPROVER, iterations: 1, repeats: 1, copies: 1 };

interface LocalServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A server on another loopback port (an ephemeral one): the attacker's page, or a server the operator never configured. */
async function localServer(respond: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<LocalServer> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    respond(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName, id]));
}

function launch(request: APIRequestContext, config: Record<string, unknown> = SMALL_RUN): Promise<string> {
  return launchRun(request, config);
}

/** Every run's id and status, read with the bearer token (as the command line does). */
async function runStates(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/api/runs', { headers: authHeader });
  expect(response.status()).toBe(200);
  const { runs } = (await response.json()) as { runs: { id: string; status: string }[] };
  return runs.map((run) => `${run.id}:${run.status === 'queued' ? 'running' : run.status}`).sort();
}

async function shareLinkCount(page: Page, runId: string): Promise<number> {
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId('share-run')).toBeVisible();
  return page.getByTestId('share-link').count();
}

function sessionCookie(context: BrowserContext) {
  return context.cookies().then((cookies) => cookies.find((cookie) => cookie.name === 'stop_admin'));
}

test('a page on another origin cannot launch, cancel, fork, share or import with the admin session; the CLI can', async ({ page, context, consoleErrors }) => {
  await signIn(page);
  const runId = await launch(page.request);
  const before = await runStates(page.request);
  expect(before).toContain(`${runId}:running`);
  expect(await shareLinkCount(page, runId)).toBe(0);
  const exported = await page.request.get(`/api/runs/${runId}/export`, { headers: authHeader });
  expect(exported.status()).toBe(200);
  const bundle = await exported.text();
  const ids = actionIds();
  const appOrigin = new URL(page.url()).origin;

  // The attacker's page: every way a browser lets another origin send a request with the victim's cookies.
  const attackerScript = `
    const APP = ${JSON.stringify(appOrigin)}, RUN = ${JSON.stringify(runId)}, IDS = ${JSON.stringify(ids)};
    const CONFIG = ${JSON.stringify({ ...SMALL_RUN, title: 'csrf' })};
    const BUNDLE = ${JSON.stringify(bundle)};
    const send = (url, init) => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', ...init }).then(() => 'sent', (e) => 'blocked ' + e);
    const cors = (url, init) => fetch(url, { method: 'POST', credentials: 'include', ...init }).then(() => 'sent', (e) => 'blocked ' + e);
    const form = (fields) => { const f = new FormData(); for (const [k, v] of Object.entries(fields)) f.append(k, v); return f; };
    const actions = [
      ['launchRunAction', [CONFIG]], ['cancelRunAction', [RUN]], ['forkRunAction', [{ runId: RUN, iteration: 0 }]], ['shareRunAction', [RUN]],
    ];
    Promise.all([
      send(APP + '/api/runs', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify(CONFIG) }),
      send(APP + '/api/runs', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'kind=stop' }),
      cors(APP + '/api/runs', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(CONFIG) }),
      send(APP + '/api/runs/' + RUN + '/cancel', {}),
      send(APP + '/api/runs/import', { headers: { 'content-type': 'text/plain' }, body: BUNDLE }),
      send(APP + '/api/runs/import', { body: form({ bundle: new Blob([BUNDLE], { type: 'application/json' }) }) }),
      ...actions.flatMap(([name, args]) => [
        send(APP + '/runs/' + RUN, { body: form({ ['$ACTION_ID_' + IDS[name]]: '', 0: JSON.stringify(args[0]) }) }),
        send(APP + '/runs/' + RUN, { headers: { 'next-action': IDS[name], 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(args) }),
        cors(APP + '/runs/' + RUN, { headers: { 'next-action': IDS[name], 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(args) }),
      ]),
    ]).then((results) => { document.title = 'done ' + results.length; });
  `;
  const attacker = await localServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>attacker</title><script>${attackerScript}</script>`);
  });
  try {
    const evil = await context.newPage();
    await evil.goto(attacker.url);
    await expect(evil).toHaveTitle(/^done \d+$/, { timeout: 120_000 });
    await evil.close();
  } finally {
    await attacker.close();
  }
  // The browser reports the refused cross-origin requests on the attacker's page: expected there.
  for (let index = consoleErrors.length - 1; index >= 0; index -= 1) {
    if (consoleErrors[index]!.startsWith(attacker.url)) consoleErrors.splice(index, 1);
  }

  // Nothing changed: no new run (launch, fork, import), the run still running, no share link.
  expect(await runStates(page.request)).toEqual(before);
  expect(await shareLinkCount(page, runId)).toBe(0);

  // The same requests, made directly with the admin cookie and a foreign Origin, are refused with 403.
  const foreign = { origin: attacker.url };
  const attempts = [
    page.request.post('/api/runs', { headers: { ...foreign, 'content-type': 'application/json' }, data: JSON.stringify(SMALL_RUN) }),
    page.request.post(`/api/runs/${runId}/cancel`, { headers: foreign }),
    page.request.post('/api/runs/import', { headers: { ...foreign, 'content-type': 'application/json' }, data: bundle }),
    page.request.post(`/runs/${runId}`, { headers: { ...foreign, 'next-action': ids.shareRunAction!, 'content-type': 'text/plain;charset=UTF-8' }, data: JSON.stringify([runId]) }),
    page.request.post(`/runs/${runId}`, { headers: { ...foreign, 'next-action': ids.forkRunAction!, 'content-type': 'text/plain;charset=UTF-8' }, data: JSON.stringify([{ runId, iteration: 0 }]) }),
    page.request.post('/api/runs', { headers: { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, data: JSON.stringify(SMALL_RUN) }),
  ];
  for (const response of await Promise.all(attempts)) expect(response.status()).toBe(403);
  // A JSON route never takes another content type, even from the app's own origin.
  const plain = await page.request.post('/api/runs', { headers: { ...authHeader, 'content-type': 'text/plain' }, data: JSON.stringify(SMALL_RUN) });
  expect(plain.status()).toBe(415);
  expect(await runStates(page.request)).toEqual(before);

  // The command line (bearer token, no Origin) still launches, imports and cancels.
  const imported = await page.request.post('/api/runs/import', { headers: { ...authHeader, 'content-type': 'application/json' }, data: bundle });
  expect(imported.status(), await imported.text()).toBe(201);
  const cancelled = await page.request.post(`/api/runs/${runId}/cancel`, { headers: authHeader });
  expect(cancelled.status()).toBe(200);
  await expect.poll(async () => (await runStates(page.request)).find((entry) => entry.startsWith(runId))).toBe(`${runId}:cancelled`);
});

test('sign-out ends the session: the old cookie value is refused', async ({ page, context, playwright, baseURL }) => {
  await signIn(page);
  const cookie = await sessionCookie(context);
  expect(cookie?.sameSite).toBe('Strict');
  const replay = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `stop_admin=${cookie!.value}` } });
  expect((await replay.get('/api/runs')).status()).toBe(200);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  expect((await replay.get('/api/runs')).status()).toBe(401);
  const pageWithOldCookie = await replay.get('/settings', { maxRedirects: 0 });
  expect(pageWithOldCookie.status()).toBe(307);
  expect(pageWithOldCookie.headers().location).toContain('/sign-in');
  await replay.dispose();

  // Signing in again gives a new session id.
  await signIn(page);
  expect((await sessionCookie(context))?.value).not.toBe(cookie!.value);
});

test('failed sign-ins and bearer guesses are throttled with a clear "try again in N s"', async ({ browser, playwright, baseURL }) => {
  // A client address of its own, as the trusted proxy of playwright.config.ts reports it in X-Forwarded-For, so other tests are not throttled.
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.77' } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const attempt = async (token: string) => {
    await page.getByLabel('Admin token').fill(token);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sign-in'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    // React resets the form once the action has finished: wait for that before the next attempt.
    await expect(page.getByLabel('Admin token')).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    return page.locator('#token-error');
  };
  for (let guess = 1; guess <= 5; guess += 1) {
    await expect(await attempt(`wrong-guess-number-${guess}-xxxxxxxx`)).toHaveText('That token is not the admin token.');
  }
  const sixthSent = Date.now();
  const locked = await attempt('wrong-guess-number-6-xxxxxxxx');
  await expect(locked).toContainText(/try again in \d+ s/);
  const lockMs = 1000 * Number(/try again in (\d+) s/.exec((await locked.textContent()) ?? '')?.[1]);
  // While throttled even the right token is not checked. The lock (1 s after the sixth failure) began after
  // the sixth attempt was sent: if the right token's answer came within that time, the lock certainly held.
  // On a machine slow enough that it did not, the lock has legitimately ended; the token is then accepted.
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  // Timed at the answer's headers: the server had decided by then. (Its body is the next page when the
  // token was accepted, which the browser may abandon for the navigation, so it is not waited for.)
  if (Date.now() - sixthSent < lockMs) {
    await expect(page.locator('#token-error')).toContainText(/Too many failed attempts: try again in \d+ s/);
    await expect(page).toHaveURL(/\/sign-in/);
  }
  await context.close();

  const guesser = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.78' } });
  const guess = (attempt: number) => guesser.get('/api/runs', { headers: { authorization: `Bearer guess-${attempt}-${'x'.repeat(24)}` } });
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await guess(attempt)).status());
  expect(statuses).toEqual([401, 401, 401, 401, 401]);
  // Every further failure locks the address out for twice as long as the last (1 s, 2 s, 4 s …): however
  // slow the machine, a guess soon lands inside a lock and is refused unchecked.
  let sentAt = Date.now();
  let refused = await guess(5);
  for (let attempt = 6; refused.status() !== 429 && attempt < 12; attempt += 1) {
    expect(refused.status()).toBe(401);
    sentAt = Date.now();
    refused = await guess(attempt);
  }
  expect(refused.status()).toBe(429);
  const retryAfterS = Number(refused.headers()['retry-after']);
  expect(retryAfterS).toBeGreaterThan(0);
  expect(((await refused.json()) as { error: string }).error).toMatch(/try again in \d+ s/);
  // While locked out even the right token is refused. The lock lasts at least retry-after − 1 s beyond the
  // refused guess's sending; the refusal is asserted only when the right token's answer came within that.
  const withRightToken = await guesser.get('/api/runs', { headers: authHeader });
  if (Date.now() - sentAt < (retryAfterS - 1) * 1000) expect(withRightToken.status()).toBe(429);
  await guesser.dispose();
});

test('redirect tricks after sign-in land on the app; malformed next and cookies never give a 500', async ({ page, request, baseURL, consoleErrors }) => {
  const origin = new URL(baseURL!).origin;
  const tricks = [
    '%2F%09%2Fevil.example%2Fpath',
    '%2F%5Cevil.example%2Fpath',
    '%2F%5C%5Cevil.example',
    '%5C%2Fevil.example',
    '%2F%0A%2Fevil.example',
    '%2F%0D%0A%2Fevil.example',
    '%2F%2Fevil.example',
    'https%3A%2F%2Fevil.example',
    '%2F%E3%80%82%2Fevil.example',
    '%2Fcaf%C3%A9',
    '%2F%E0%A4%A',
    'javascript%3Aalert(1)',
  ];
  await page.goto(`/sign-in?next=${tricks[0]}`);
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  expect(new URL(page.url()).origin).toBe(origin);
  // Signed in, /sign-in redirects straight to `next`: each trick must still land here.
  for (const next of tricks) {
    const response = await page.goto(`/sign-in?next=${next}`);
    expect(new URL(page.url()).origin, next).toBe(origin);
    expect(response?.status() ?? 0, next).toBeLessThan(500);
  }
  // Some tricks normalise to paths the app does not have: its own 404 page is where they land (expected).
  const notFound = (entry: string) => entry.startsWith(origin) && entry.includes('status of 404');
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((entry) => !notFound(entry)));

  const malformed = ['stop_admin=%', 'stop_admin=%E0%A4%A', 'stop_admin="', `stop_admin=${'%'.repeat(3000)}`, 'stop_admin', '=; ;='];
  const routes = ['/api/runs', '/api/runs/run_x', '/api/runs/run_x/events', '/api/runs/run_x/export', '/api/improvers/1', '/api/health', '/', '/sign-in?next=%0A', '/share/abc'];
  for (const cookie of malformed) {
    for (const route of routes) {
      const response = await request.get(route, { headers: { cookie }, maxRedirects: 0 });
      expect(response.status(), `${cookie} ${route}`).toBeLessThan(500);
    }
    const post = await request.post('/api/runs', { headers: { cookie, 'content-type': 'application/json' }, data: '{}' });
    expect(post.status(), cookie).toBe(401);
  }
});

test("a revoked share link's open stream closes within 5 s, and so does a stream whose session ended", async ({ page, browser, baseURL }) => {
  await signIn(page);
  const runId = await launch(page.request, { ...SMALL_RUN, title: 'e2e revoke stream' });
  await page.goto(`/runs/${runId}`);
  await page.getByTestId('share-run').click();
  const href = (await page.getByTestId('share-link').first().getAttribute('href'))!;
  const token = href.split('/').pop()!;

  const shared = await fetch(`${baseURL}/api/runs/${runId}/events?share=${token}`);
  expect(shared.status).toBe(200);
  const sharedDone = readUntilClosed(shared);

  // A second admin session following the same run.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage);
  const cookie = (await sessionCookie(other))!.value;
  const followed = await fetch(`${baseURL}/api/runs/${runId}/events`, { headers: { cookie: `stop_admin=${cookie}` } });
  expect(followed.status).toBe(200);
  const followedDone = readUntilClosed(followed);

  // Measured from the click (an upper bound: the revocation is stored a little later).
  const revokedAt = Date.now();
  await page.getByRole('button', { name: 'Revoke' }).first().click();
  await expect(page.getByText(/revoked/).first()).toBeVisible();
  const closed = await sharedDone;
  expect(closed.text).toContain('event: revoked');
  console.log(`share stream closed ${closed.endedAt - revokedAt} ms after Revoke was clicked`);

  const signedOutAt = Date.now();
  await otherPage.getByRole('button', { name: 'Sign out' }).click();
  await otherPage.waitForURL(/\/sign-in/);
  const ended = await followedDone;
  expect(ended.text).toContain('event: revoked');
  console.log(`admin stream closed ${ended.endedAt - signedOutAt} ms after Sign out was clicked`);
  await other.close();

  const cancelled = await page.request.post(`/api/runs/${runId}/cancel`, { headers: authHeader });
  expect(cancelled.status()).toBe(200);
});

test('a run cannot use a model server the operator did not configure', async ({ page }) => {
  const internal = await localServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{"error":"internal secret body"}');
  });
  try {
    await signIn(page, '/runs/new');
    const before = await runStates(page.request);
    for (const model of [
      { provider: 'openai', model: 'gpt-x', baseUrl: `${internal.url}/v1` },
      { provider: 'openai', model: 'gpt-x', baseUrl: 'http://169.254.169.254/latest/meta-data' },
      { provider: 'openai', model: 'gpt-x', endpoint: 'not-configured' },
    ]) {
      const response = await page.request.post('/api/runs', { headers: authHeader, data: { ...SMALL_RUN, model } });
      expect(response.status()).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/operator|configured/);
    }
    expect(internal.hits).toEqual([]);
    expect(await runStates(page.request)).toEqual(before);

    // The browser picks a server by name: there is no field for a URL.
    await page.getByLabel('Provider').selectOption('openai');
    await expect(page.getByLabel('Model server')).toBeVisible();
    await expect(page.getByLabel('Model server').locator('option')).toHaveText(['server default']);
    await expect(page.getByLabel(/base url/i)).toHaveCount(0);
  } finally {
    await internal.close();
  }
});

test('launch input is validated at the boundary: unknown tasks, huge ids and lists, NUL and lone surrogates', async ({ request }) => {
  const post = (data: string) => request.post('/api/runs', { headers: { ...authHeader, 'content-type': 'application/json' }, data });
  const config = (extra: Record<string, unknown>) => JSON.stringify({ ...SMALL_RUN, ...extra });
  const cases: [string, string][] = [
    ['unknown task', config({ taskId: 'no-such-task' })],
    ['1 MB task id', config({ taskId: 'a'.repeat(1_000_000) })],
    ['transfer to 1,000 tasks', JSON.stringify({ kind: 'transfer', improver: 'x', baselineImprover: 'x', taskIds: Array.from({ length: 1000 }, (_, i) => `t${i}`) })],
    ['NUL in the title', config({ title: 'a\u0000b' })],
    ['lone surrogate', config({ title: 'SECRET-MARKER' }).replace('SECRET-MARKER', '\\ud800')],
  ];
  for (const [name, body] of cases) {
    const response = await post(body);
    expect(response.status(), name).toBe(400);
    const text = await response.text();
    expect(text, name).not.toContain('time.sleep(600)');
    expect(text.length, name).toBeLessThan(5_000);
  }
  const bundle = { format: 'stop-studio-run', version: 1, records: { run: { id: 'r', kind: 'stop', title: 't', status: 'forever', config: SMALL_RUN, createdAt: 0, startedAt: null, finishedAt: null, updatedAt: 0 }, improvers: [], candidates: [], evaluations: [], lmCalls: [], events: [], steps: [] } };
  const imported = await request.post('/api/runs/import', { headers: { ...authHeader, 'content-type': 'application/json' }, data: JSON.stringify(bundle) });
  expect(imported.status()).toBe(400);
  expect(((await imported.json()) as { error: string }).error).toContain('status');
});

test('responses carry the security headers; health details are for the admin only; big bodies are refused early', async ({ page, request }) => {
  await signIn(page);
  const response = await page.request.get('/runs/new');
  const headers = response.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  for (const file of ['/monaco/vs/loader.js', '/api/health']) expect((await request.get(file)).headers()['x-content-type-options']).toBe('nosniff');

  // Monaco (from /monaco) and the charts work under the policy: the fixture fails the test on any console error.
  await page.goto('/runs/new');
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 120_000 });
  await page.goto('/compare');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare runs' })).toBeVisible();

  const anonymous = (await (await request.get('/api/health')).json()) as Record<string, unknown>;
  expect(Object.keys(anonymous).sort()).toEqual(['app', 'ok']);
  const admin = (await (await request.get('/api/health', { headers: authHeader })).json()) as Record<string, unknown>;
  expect(admin).toHaveProperty('lm');
  expect(admin).toHaveProperty('sandbox');

  // A large import without the admin is refused before its body is read; server actions take 2 MB at most.
  const big = 'x'.repeat(5 * 1024 * 1024);
  expect((await request.post('/api/runs/import', { headers: { 'content-type': 'application/json' }, data: big })).status()).toBe(401);
  const action = await request.post('/runs/new', { headers: { 'next-action': actionIds().launchRunAction!, 'content-type': 'text/plain;charset=UTF-8' }, data: big });
  expect(action.status()).toBe(413);
});

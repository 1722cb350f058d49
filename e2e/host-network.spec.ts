import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { authHeader, expect, signIn, test } from './support';
import { freePort, startProcess, stopProcess } from './processes';
import { readProgram } from '../lib/improvers/programs';

/**
 * Issue 21 (items 3, 4, 5, 8e) against the real server (scripts/server.mjs): the sign-in throttle keys
 * clients by socket address, unknown Host names and mismatched schemes are refused, large imports are
 * streamed, two at a time, and wrong shapes are refused. Loopback has many addresses (127.0.0.0/8), so
 * different clients are different local addresses of one machine.
 */
test.describe.configure({ mode: 'serial' });

const port = () => Number(new URL(test.info().project.use.baseURL!).port);

interface Reply {
  status: number;
  body: string;
}

/** One HTTP request from a chosen local address (a chosen client), by a given agent (a chosen socket). */
function send(
  target: { port: number; agent?: http.Agent; localAddress?: string },
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: target.port, method, path: pathname, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, agent: target.agent, localAddress: target.localAddress },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Resident memory of the process listening on the app's port. */
function serverRss(listenPort: number): number {
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${listenPort}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  if (!pid) throw new Error(`no process listens on port ${listenPort}`);
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('200 failures with rotating X-Forwarded-For lock out only that socket\'s client; the right token works from another throughout', async () => {
  const attacker = { port: port(), agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), localAddress: '127.0.0.2' };
  const other = { port: port(), localAddress: '127.0.0.3' };
  const statuses = new Map<number, number>();
  let otherSucceeded = 0;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const reply = await send(attacker, 'GET', '/api/runs', {
      authorization: 'Bearer wrong-token-wrong-token-wrong',
      'x-forwarded-for': `198.51.100.${attempt % 250}`,
      'x-stop-socket-address': `203.0.113.${attempt % 250}`,
    });
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    if (attempt % 20 === 19) {
      const right = await send(other, 'GET', '/api/runs', authHeader);
      expect(right.status, right.body).toBe(200);
      otherSucceeded += 1;
    }
  }
  console.log(`throttle: attacker saw ${JSON.stringify(Object.fromEntries(statuses))}, the other client succeeded ${otherSucceeded} times`);
  // Only the attacker's own guesses are checked: 5 free ones, then one after each lock (1 s, 2 s, 4 s … doubling),
  // so however slowly these 200 requests go, a few dozen at most were checked (20 locks would take 12 days).
  expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(200);
  expect(statuses.get(401)).toBeGreaterThanOrEqual(5);
  expect(statuses.get(401)).toBeLessThanOrEqual(25);
  // The attacker's own client is locked out, even with the right token; everybody else is not.
  expect((await send(attacker, 'GET', '/api/runs', authHeader)).status).toBe(429);
  expect((await send({ port: port() }, 'GET', '/api/runs', authHeader)).status).toBe(200);
  attacker.agent.destroy();
});

test.describe('an open-mode server', () => {
  let server: ChildProcess | undefined;
  let dataDir = '';
  test.afterAll(() => {
    stopProcess(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const openEnv = (dir: string) => ({ STOP_DATA_DIR: dir, STOP_ADMIN_TOKEN: '', NODE_ENV: 'production', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '' });

  test('refuses to listen on a non-loopback address unless told to', async () => {
    const child = startProcess('node', ['scripts/server.mjs', '-H', '0.0.0.0', '-p', String(await freePort())], openEnv(os.tmpdir()));
    let stderr = '';
    child.stderr!.on('data', (part: Buffer) => (stderr += part.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(2);
    expect(stderr).toContain('STOP_ALLOW_OPEN_NETWORK=1');
  });

  test('refuses unknown Host names and https origins, and stops cleanly on SIGTERM', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'stop-e2e-open-'));
    const openPort = await freePort();
    server = startProcess('node', ['scripts/server.mjs', '-H', '127.0.0.1', '-p', String(openPort)], openEnv(dataDir));
    const target = { port: openPort };
    await waitFor(async () => ((await send(target, 'GET', '/api/health', {})).status === 200 ? true : undefined));

    const evil = await send(target, 'GET', '/api/runs', { host: 'evil.example' });
    expect(evil.status).toBe(421);
    expect(evil.body).toContain('evil.example');
    expect((await send(target, 'GET', '/', { host: `evil.example:${openPort}` })).status).toBe(421);
    expect((await send(target, 'GET', '/api/runs', { host: `localhost:${openPort}` })).status).toBe(200);

    const https = await send(target, 'POST', '/api/runs', { origin: `https://127.0.0.1:${openPort}`, 'content-type': 'application/json' }, Buffer.from('{}'));
    expect(https.status).toBe(403);
    expect(https.body).toContain('https Origin on an http server');
    // A forged X-Forwarded-Proto from an untrusted socket changes nothing.
    expect((await send(target, 'POST', '/api/runs', { origin: `https://127.0.0.1:${openPort}`, 'x-forwarded-proto': 'https', 'content-type': 'application/json' }, Buffer.from('{}'))).status).toBe(403);

    const pid = server.pid!;
    process.kill(pid, 'SIGTERM');
    const [code, signal] = (await new Promise((resolve) => server!.on('exit', (...args) => resolve(args)))) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Nothing of the server's process group is left (no next-server outliving it).
    const left = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim().split(/\s+/)[1] === String(pid));
    expect(left).toEqual([]);
  });
});

const SEED = readProgram('seed');

test('three concurrent 190 MB imports: bounded memory, health answers throughout; wrong shapes get 400; every run page renders', async ({ page }) => {
  const launched = await page.request.post('/api/runs', { headers: authHeader, data: { kind: 'improve', improver: SEED, taskId: 'parity' } });
  expect(launched.status(), await launched.text()).toBe(201);
  const { runId } = (await launched.json()) as { runId: string };
  await waitFor(async () => {
    const { run } = (await (await page.request.get(`/api/runs/${runId}`, { headers: authHeader })).json()) as { run: { status: string } };
    return ['queued', 'running'].includes(run.status) ? undefined : run.status;
  });
  const exported = (await (await page.request.get(`/api/runs/${runId}/export`, { headers: authHeader })).json()) as {
    records: { lmCalls: Record<string, unknown>[]; events: { type: string; payload: Record<string, unknown> }[] };
  };

  // 1,900 model calls of 100 kB each: about 190 MB.
  const template = exported.records.lmCalls[0]!;
  const answer = 'x'.repeat(100_000);
  const large = structuredClone(exported);
  large.records.lmCalls = Array.from({ length: 1900 }, (_, index) => ({ ...template, id: 1_000_000 + index, requestKey: `bulk-${index}`, ordinal: 0, responses: [answer] }));
  const body = Buffer.from(JSON.stringify(large));
  expect(body.length).toBeGreaterThan(190 * 1000 * 1000);

  const target = { port: port() };
  const headers = { ...authHeader, 'content-type': 'application/json' };
  let done = false;
  let peakRss = serverRss(port());
  let healthChecks = 0;
  const unhealthy: string[] = [];
  const watching = (async () => {
    while (!done) {
      const health = await send(target, 'GET', '/api/health', {}).catch((error: unknown) => ({ status: 0, body: String(error) }));
      healthChecks += 1;
      if (health.status !== 200) unhealthy.push(`${health.status} ${health.body.slice(0, 200)}`);
      peakRss = Math.max(peakRss, serverRss(port()));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const imports = await Promise.all([0, 1, 2].map(() => send(target, 'POST', '/api/runs/import', headers, body)));
  done = true;
  await watching;
  console.log(`imports: ${imports.map((reply) => reply.status).join(', ')}; server peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MiB; ${healthChecks} health checks, ${unhealthy.length} failed`);
  for (const reply of imports) expect(reply.status, reply.body.slice(0, 300)).toBe(201);
  expect(unhealthy).toEqual([]);
  expect(healthChecks).toBeGreaterThan(0);
  expect(peakRss).toBeLessThan(1024 ** 3);

  const wrong = structuredClone(exported);
  const started = wrong.records.events.findIndex((event) => event.type === 'run.started');
  wrong.records.events[started]!.payload.config = 'not an object';
  const refused = await send(target, 'POST', '/api/runs/import', headers, Buffer.from(JSON.stringify(wrong)));
  expect(refused.status).toBe(400);
  expect(refused.body).toContain(`records.events[${started}].payload.config`);

  await signIn(page);
  const { runs } = (await (await page.request.get('/api/runs', { headers: authHeader })).json()) as { runs: { id: string }[] };
  const imported = imports.map((reply) => (JSON.parse(reply.body) as { runId: string }).runId);
  for (const id of [runId, ...imported]) expect(runs.map((run) => run.id)).toContain(id);
  for (const { id } of runs) {
    await page.goto(`/runs/${id}`);
    await expect(page.getByTestId('run-status')).toBeVisible();
  }
});

test('the bearer token is checked against the socket, not a header a client wrote', async () => {
  // Same socket address as every Playwright request (127.0.0.1): a forged socket header does not move it.
  const reply = await send({ port: port(), localAddress: '127.0.0.4' }, 'GET', '/api/runs', { ...authHeader, 'x-stop-socket-address': '127.0.0.2' });
  expect(reply.status).toBe(200);
});

import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { detectIsolation, runImprover, SandboxErrorCode, type IsolationLevel } from '@/lib/sandbox';
import { defaultLauncher } from '../launcher';
import { constantUtility, fakeSession, leftovers } from './fixtures';

const SECRET = 'sk-test-hostile-0123456789';

const run = (body: string, options: { timeoutMs?: number; lmBudget?: number } = {}) => {
  const languageModel = fakeSession(options.lmBudget ?? 2, 2, () => 'answer');
  return runImprover({
    code: `import os, sys, signal, socket\n\ndef improve_algorithm(initial_solution, utility, language_model):\n${body
      .trim()
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')}\n`,
    initialSolution: 'def algorithm():\n    return 0\n',
    utility: constantUtility(2),
    languageModel,
    timeoutMs: options.timeoutMs ?? 20_000,
  }).then((outcome) => ({ ...outcome, session: languageModel }));
};

/**
 * Every hostile program, at the isolation level and with the launcher the calling test file set
 * (STOP_SANDBOX, STOP_SANDBOX_LAUNCHER in vi.hoisted).
 */
export function describeHostile(level: IsolationLevel): void {
beforeAll(async () => {
  // Secrets in the host's own environment must not reach a sandbox.
  vi.stubEnv('OPENAI_API_KEY', SECRET);
  vi.stubEnv('DATABASE_URL', 'postgres://user:pw-hostile@localhost/db');
  expect((await detectIsolation()).level).toBe(level);
});

afterAll(async () => {
  const left = await leftovers();
  expect(left).toEqual({ processes: [], scratchDirs: [] });
});

describe(`hostile programs are contained (${level}, ${defaultLauncher()})`, () => {
  test('reading OPENAI_API_KEY finds nothing', async () => {
    const outcome = await run(`
found = [repr(os.environ.get("OPENAI_API_KEY")), repr(os.environ.get("DATABASE_URL")), repr(dict(os.environ))]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            found.append(open("/proc/%s/environ" % pid, "rb").read().decode("latin1"))
        except Exception as error:
            found.append(type(error).__name__)
return "\\n".join(found)
`);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.solution).toMatch(/^None\nNone\n/);
    expect(outcome.solution).not.toContain(SECRET);
    expect(outcome.solution).not.toContain('pw-hostile');
  });

  test('connecting to a listening loopback port: no connection arrives', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const outcome = await run(`
try:
    socket.create_connection(("127.0.0.1", ${port}), timeout=2)
    return "connected"
except OSError as error:
    return "refused: %s" % error
`);
      expect(outcome.ok && outcome.solution).toMatch(/^refused/);
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });

  test('writing a host path outside the scratch directory leaves nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stop-hostile-'));
    chmodSync(dir, 0o777);
    const target = path.join(dir, 'pwned.txt');
    const inRepo = path.resolve('lib/sandbox/python/pwned.txt');
    try {
      const outcome = await run(`
results = []
for target in [${JSON.stringify(target)}, ${JSON.stringify(inRepo)}, "/pwned.txt", "/usr/pwned.txt"]:
    try:
        with open(target, "w") as handle:
            handle.write("pwned")
        results.append("wrote " + target)
    except OSError as error:
        results.append(type(error).__name__)
open("inside-scratch.txt", "w").write("fine")
return " ".join(results)
`);
      expect(outcome.ok && outcome.solution).not.toMatch(/wrote/);
      expect(existsSync(target)).toBe(false);
      expect(existsSync(inRepo)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a fork bomb hits the process limit', async () => {
    const outcome = await run(`
while True:
    os.fork()
`);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(SandboxErrorCode.Exception);
    expect(outcome.error.message).toMatch(/process limit/);
  });

  test('a 10 GB allocation is a memory_limit error', async () => {
    const outcome = await run('block = bytearray(10 * 1024 ** 3)\nreturn "allocated"');
    expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.MemoryLimit });
  });

  test('an infinite loop times out', async () => {
    // The loop never ends by itself: a result at all means the timeout stopped it.
    const outcome = await run('while True:\n    pass', { timeoutMs: 1500 });
    expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.Timeout });
  });

  test('100 MB of printing hits the output limit', async () => {
    const outcome = await run('chunk = "x" * (1024 * 1024)\nfor _ in range(100):\n    sys.stdout.write(chunk)\nreturn "printed"');
    expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.OutputLimit });
    expect(outcome.stderrTail.length).toBeLessThan(64 * 1024);
  });

  test('signalling its parent fails and harms nobody', async () => {
    const outcome = await run('parent = os.getppid()\nos.kill(parent, signal.SIGKILL)\nreturn "killed parent %d" % parent');
    // A spawned `unshare` sandbox is PID 1 of its namespace: its parent is outside it (pid 0), nothing to signal.
    if (outcome.ok) expect(outcome.solution).toBe('killed parent 0');
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(SandboxErrorCode.Exception);
    expect(outcome.error.message).toMatch(/PermissionError/);
  });

  test('raising its own budget: LM calls stay capped and the attempts are recorded', async () => {
    const outcome = await run(`
from language_model import LanguageModel
language_model.budget = 1000
utility.budget = 1000
bigger = LanguageModel(budget=1000)
answers = 0
for model in [language_model, bigger] * 5:
    try:
        model.prompt("e", "m")
        answers += 1
    except Exception:
        pass
return str(answers)
`, { lmBudget: 2 });
    expect(outcome.ok && outcome.solution).toBe('2');
    expect(outcome.session.callsUsed).toBe(2);
    expect(outcome.lmCalls).toBe(2);
    expect(outcome.circumventions.map((event) => [event.kind, event.line])).toEqual([
      ['budget_raise', 5],
      ['budget_raise', 6],
      ['new_language_model', 7],
      ['budget_raise', 7],
    ]);
  });

  test('returning a non-string is not_a_string', async () => {
    const outcome = await run('return 42');
    expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.NotAString, message: expect.stringMatching(/int/) });
  });

  test('a program that leaves a detached process behind: it is killed, and the next program runs normally', async () => {
    const outcome = await run(`
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        import time
        time.sleep(3600)
    os._exit(0)
return "left a sleeper"
`);
    expect(outcome.ok && outcome.solution).toBe('left a sleeper');
    const next = await run('return "fine"');
    expect(next.ok && next.solution).toBe('fine');
    expect((await leftovers()).processes).toEqual([]);
  });

  test('a program that signals every process it can fails alone: a program running beside it is unharmed', async () => {
    let killerDone: () => void = () => undefined;
    const killerFinished = new Promise<void>((resolve) => (killerDone = resolve));
    // The program beside waits inside a utility call until the killer has finished.
    const beside = runImprover({
      code: 'def improve_algorithm(initial_solution, utility, language_model):\n    utility("wait")\n    return "unharmed"\n',
      initialSolution: '',
      utility: { description: 'waits', budget: 1, evaluate: async () => (await killerFinished, 0.5) },
      languageModel: fakeSession(1, 1),
      timeoutMs: 600_000,
    });
    const killer = await run(`
for pid in range(1, 4096):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
return "signalled"
`).finally(killerDone);
    expect(killer.ok || killer.error).toBeTruthy();
    const survivor = await beside;
    expect(survivor.ok && survivor.solution).toBe('unharmed');
    const after = await run('return "fine"');
    expect(after.ok && after.solution).toBe('fine');
  });
});
}

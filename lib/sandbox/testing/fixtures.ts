import { evaluateSolution } from '../evaluate';
import type { UtilityHost } from '../improver';
import { ModelRefusal, type ImproverModel, type ModelRequest } from '../model';

/** A tiny parity task: 6 bits, labels = parity of a hidden subset; hidden test labels stay in the judge. */
export const PARITY_JUDGE = `
import random

def generate(seed, count):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        subset = [rng.random() < 0.5 for _ in range(6)]
        def label(x):
            return sum(b for b, s in zip(x, subset) if s) % 2
        train = [[rng.randint(0, 1) for _ in range(6)] for _ in range(40)]
        test = [[rng.randint(0, 1) for _ in range(6)] for _ in range(20)]
        hidden = {"labels": [label(x) for x in test], "marker": "HIDDEN-LABELS-7d1f"}
        out.append(([train, [label(x) for x in train], test], hidden))
    return out

def score(args, hidden, output):
    if not isinstance(output, list) or len(output) != len(hidden["labels"]):
        return 0.0
    return sum(1 for a, b in zip(output, hidden["labels"]) if a == b) / len(hidden["labels"])
`;

export const PARITY_SEED = `
def algorithm(train_samples, train_parity, test_samples):
    return [0 for _ in test_samples]
`;

/** Gaussian elimination over GF(2): solves the noiseless task exactly. */
export const PARITY_GOOD = `
def algorithm(train_samples, train_parity, test_samples):
    n = len(train_samples[0])
    rows = [list(x) + [y] for x, y in zip(train_samples, train_parity)]
    pivots, r = [], 0
    for c in range(n):
        p = next((i for i in range(r, len(rows)) if rows[i][c]), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        for i in range(len(rows)):
            if i != r and rows[i][c]:
                rows[i] = [a ^ b for a, b in zip(rows[i], rows[r])]
        pivots.append(c)
        r += 1
    w = [0] * n
    for i, c in enumerate(pivots):
        w[c] = rows[i][n]
    return [sum(a * b for a, b in zip(w, x)) % 2 for x in test_samples]
`;

export const fence = (code: string, idea = 'An idea.'): string => `${idea}\n\n\`\`\`python\n${code.trim()}\n\`\`\`\n`;

/** A language model session answering every prompt with `answer(request, index)`; budget enforced here. */
export function fakeSession(
  budget: number,
  maxResponsesPerCall: number,
  answer: (request: ModelRequest, index: number) => string = () => fence(PARITY_GOOD),
): ImproverModel & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    budget,
    maxResponsesPerCall,
    requests,
    get callsUsed() {
      return requests.length;
    },
    async prompt(request) {
      if (requests.length >= budget) throw new ModelRefusal(`language model budget exhausted: all ${budget} calls of this improver invocation are used`, 'budget');
      requests.push(request);
      const count = request.messages.length > 1 ? request.messages.length : request.n;
      return Array.from({ length: count }, (_, index) => answer(request, index));
    },
  };
}

/** The utility of the parity task through the real sandboxed evaluation. */
export function parityUtility(budget: number, count = 3): UtilityHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    description: 'Parity: algorithm(train_samples, train_parity, test_samples) returns test predictions.',
    budget,
    calls,
    async evaluate(solution, signal) {
      calls.push(solution);
      const result = await evaluateSolution({
        judgeCode: PARITY_JUDGE,
        solutionCode: solution,
        entryPoint: 'algorithm',
        seed: 1,
        count,
        timeoutMsPerInstance: 2000,
        failureValue: 0,
        signal,
      });
      return result.utility;
    },
  };
}

/** A utility that does no work: for tests about the improver process itself. */
export function constantUtility(budget: number, value = 0.5): UtilityHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    description: 'A constant utility.',
    budget,
    calls,
    async evaluate(solution) {
      calls.push(solution);
      return value;
    },
  };
}

/** Processes still running as one of this host process's sandbox users, and its scratch directories. */
/** Process ids of every descendant of `root` (read from /proc; sandboxes live in their own PID namespaces). */
async function descendantsOf(root: number): Promise<Set<number>> {
  const { readdir, readFile } = await import('node:fs/promises');
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command name: state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isFinite(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found = new Set<number>();
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * Sandboxed processes started by this test process (other test files run sandboxes in parallel, so
 * only this process's descendants count) and its scratch directories still present.
 */
export async function leftovers(): Promise<{ processes: string[]; scratchDirs: string[] }> {
  const { execFile } = await import('node:child_process');
  const { readdir } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { sandboxUidRange, SCRATCH_PREFIX } = await import('../launcher');
  const { first, last } = sandboxUidRange();
  const mine = await descendantsOf(process.pid);
  const listing = await new Promise<string>((resolve) =>
    execFile('ps', ['-eo', 'uid=,pid=,args='], (_error, stdout) => resolve(stdout)),
  );
  const processes = listing.split('\n').filter((line) => {
    const [uid, pid] = line.trim().split(/\s+/).map(Number);
    return uid !== undefined && pid !== undefined && uid >= first && uid <= last && mine.has(pid);
  });
  const scratchDirs = (await readdir(tmpdir())).filter((name) => name.startsWith(`${SCRATCH_PREFIX}${process.pid}-`));
  return { processes, scratchDirs: [...scratchDirs, ...(await zygoteScratchDirs(mine))] };
}

/** The per-child directories inside this process's fork servers (seen through /proc/<zygote>/root). */
async function zygoteScratchDirs(mine: Set<number>): Promise<string[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const found: string[] = [];
  for (const pid of mine) {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
    if (!argv.some((arg) => arg.endsWith('/zygote.py'))) continue;
    const root = argv.at(-1)!;
    const names = await readdir(`/proc/${pid}/root${root}`).catch(() => [] as string[]);
    found.push(...names.filter((name) => /^c\d+$/.test(name)).map((name) => `zygote ${pid}: ${root}/${name}`));
  }
  return found;
}

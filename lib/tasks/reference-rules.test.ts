import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluateSolution, findPython } from '@/lib/sandbox';
import { instanceRandomSeed } from '@/lib/sandbox/evaluate';
import { threeSatTask } from './3sat';
import { lpnTask } from './lpn';
import { maxcutTask } from './maxcut';
import type { TaskDefinition } from './types';

/**
 * The same solutions through our scorer (the real sandbox) and through a Python transcription of the
 * reference's rules (testing/reference_rules.py) on the same instances. Each case says whether the two
 * agree; docs/tasks.md's table of these cases is checked against this list.
 */
const TRANSCRIPTION = path.join(process.cwd(), 'lib/tasks/testing/reference_rules.py');
const REFERENCE_3SAT_SEED = readFileSync(path.join(process.cwd(), 'lib/tasks/testing/reference_3sat_seed.py'), 'utf8');
const COUNT = 6;

type Verdict = 'same' | 'different';
interface Case {
  task: TaskDefinition;
  name: string;
  solution: string;
  verdict: Verdict;
}

const pad = (body: string) => `def algorithm(*args):\n${body.replace(/^/gm, '    ')}\n`;
const N_VARS = 'formula = args[0]\nn = max(abs(lit) for clause in formula for lit in clause)';
const NODES = 'n = len(args[0])';

const CASES: Case[] = [
  { task: threeSatTask, name: "the reference's seed (returns None when it gives up)", solution: REFERENCE_3SAT_SEED, verdict: 'same' },
  { task: threeSatTask, name: 'None', solution: pad('return None'), verdict: 'same' },
  { task: threeSatTask, name: 'n + 1 bools, all true', solution: pad(`${N_VARS}\nreturn [True] * (n + 1)`), verdict: 'same' },
  { task: threeSatTask, name: 'a longer list of 0/1', solution: pad(`${N_VARS}\nreturn [1] * (n + 5)`), verdict: 'same' },
  { task: threeSatTask, name: 'numbers other than 0/1 (2 and -1)', solution: pad(`${N_VARS}\nreturn [2 if v % 2 else -1 for v in range(n + 1)]`), verdict: 'same' },
  { task: threeSatTask, name: 'a list one too short', solution: pad(`${N_VARS}\nreturn [True] * n`), verdict: 'same' },
  { task: maxcutTask, name: 'labels 0/1', solution: pad(`${NODES}\nreturn [i % 2 for i in range(n)]`), verdict: 'same' },
  { task: maxcutTask, name: 'labels 1/2', solution: pad(`${NODES}\nreturn [1 + i % 2 for i in range(n)]`), verdict: 'same' },
  { task: maxcutTask, name: 'labels -1/1', solution: pad(`${NODES}\nreturn [1 if i % 2 else -1 for i in range(n)]`), verdict: 'same' },
  { task: maxcutTask, name: 'three distinct labels', solution: pad(`${NODES}\nreturn [i % 3 for i in range(n)]`), verdict: 'different' },
  { task: maxcutTask, name: 'a partition of the wrong length', solution: pad(`${NODES}\nreturn [i % 2 for i in range(n - 1)]`), verdict: 'different' },
  { task: lpnTask, name: '20 labels (0/1)', solution: pad('return [int(sum(s[:3]) % 2) for s in args[2]]'), verdict: 'same' },
  { task: lpnTask, name: '19 labels', solution: pad('return [0] * 19'), verdict: 'same' },
  { task: lpnTask, name: 'labels as a 20 x 1 nested list', solution: pad('return [[int(s[0])] for s in args[2]]'), verdict: 'same' },
  { task: lpnTask, name: 'values other than 0/1 (2)', solution: pad('return [2] * 20'), verdict: 'same' },
];

function viaTranscription(task: TaskDefinition, solution: string): Promise<number> {
  const request = {
    task: task.id,
    judge: task.judgeCode,
    seed: task.trainSeed,
    count: COUNT,
    solution,
    random_seeds: Array.from({ length: COUNT }, (_, index) => instanceRandomSeed(task.trainSeed, index)),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-I', TRANSCRIPTION], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve((JSON.parse(Buffer.concat(out).toString()) as { utility: number }).utility)
        : reject(new Error(`reference_rules.py exited with ${code}: ${Buffer.concat(err).toString().slice(-2000)}`)),
    );
    child.stdin.end(JSON.stringify(request));
  });
}

/** Ours, through the real sandbox, with a time limit no finishing solution reaches (scores must not depend on speed). */
async function viaOurs(task: TaskDefinition, solution: string): Promise<number> {
  const evaluation = await evaluateSolution({
    judgeCode: task.judgeCode,
    solutionCode: solution,
    entryPoint: task.entryPoint,
    seed: task.trainSeed,
    count: COUNT,
    timeoutMsPerInstance: 600_000,
    failureValue: task.failureValue,
    scoring: task.scoring,
    argumentTypes: task.argumentTypes,
    pool: null,
  });
  return evaluation.utility;
}

const hasNumpy = (await findPython()).hasNumpy;

/** The rows of docs/tasks.md's table between its markers: task | case | verdict. */
function documentedRows(): string[] {
  const text = readFileSync(path.join(process.cwd(), 'docs/tasks.md'), 'utf8');
  const table = text.split('<!-- reference-rules:start -->')[1]?.split('<!-- reference-rules:end -->')[0] ?? '';
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| task') && !line.startsWith('|--'))
    .map((line) => line.split('|').slice(1, 4).map((cell) => cell.trim()).join(' | '));
}

describe('our scorers against a transcription of the reference rules (same solutions, same instances)', () => {
  test.runIf(hasNumpy).each(CASES)('$task.id: $name is $verdict', async ({ task, solution, verdict }) => {
    const [ours, reference] = await Promise.all([viaOurs(task, solution), viaTranscription(task, solution)]);
    const agree = Math.abs(ours - reference) < 1e-9;
    expect({ ours, reference, verdict: agree ? 'same' : 'different' }).toMatchObject({ verdict });
  });

  test("the reference's 3-SAT seed scores at most 0.01; 19 LPN labels 1e-6; maxcut 1/2 like its 0/1 twin", async () => {
    expect(await viaOurs(threeSatTask, REFERENCE_3SAT_SEED)).toBeLessThanOrEqual(0.01);
    expect(await viaOurs(lpnTask, pad('return [0] * 19'))).toBe(1e-6);
    const [zeroOne, oneTwo] = await Promise.all(CASES.filter((c) => c.name === 'labels 0/1' || c.name === 'labels 1/2').map((c) => viaOurs(maxcutTask, c.solution)));
    expect(oneTwo).toBe(zeroOne);
  });

  test("docs/tasks.md's table lists exactly these cases and verdicts", () => {
    expect(documentedRows()).toEqual(CASES.map((c) => `${c.task.id} | ${c.name} | ${c.verdict}`));
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BUILTIN_TASKS } from './registry';
import { shownDescription } from './shown-description';

/** The top-level functions a Python source defines (parsed by python3's own ast module). */
function definedFunctions(source: string): string[] {
  const script = 'import ast, json, sys\ntree = ast.parse(sys.stdin.read())\nprint(json.dumps([node.name for node in tree.body if isinstance(node, ast.FunctionDef)]))';
  const result = spawnSync('python3', ['-I', '-c', script], { input: source, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`not Python source: ${result.stderr.slice(-500)}`);
  return JSON.parse(result.stdout) as string[];
}

describe("utility.str of every built-in task is the Python source of its utility (the reference's form)", () => {
  test.each(BUILTIN_TASKS.map((task) => [task.id, task] as const))('%s', async (_id, task) => {
    const shown = await shownDescription(task);
    const functions = definedFunctions(shown);
    expect(functions).toContain('score');
    expect(functions).toContain('utility');
    // The scoring function is readable; the instance generation is hidden.
    expect(shown).toContain('def score(args, hidden, output):');
    expect(shown).toMatch(/def generate\(seed, count\):\n {4}\.\.\. {2}# hidden/);
    expect(shown).not.toContain('rng = random.Random(seed)');
    // The model (and the scripted model) still reads what the task is.
    for (const marker of task.promptMarkers) expect(shown).toContain(marker);
  });

  test('prose stays available as an option', async () => {
    const [task] = BUILTIN_TASKS;
    const prose = await shownDescription(task!, 'prose');
    expect(prose).not.toContain('def score(');
    expect(prose).toContain(task!.promptMarkers[0]!);
  });
});

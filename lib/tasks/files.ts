import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BankSolution } from './types';

/**
 * Reads a file of a built-in task. Paths are resolved from the project root (process.cwd()) rather than
 * from the module, because Next.js bundles modules away from their source folder.
 */
export function readTaskFile(taskId: string, file: string): string {
  return readFileSync(path.join(process.cwd(), 'lib', 'tasks', taskId, file), 'utf8');
}

/** The first sentence of the entry point's docstring, which every bank solution carries. */
function docstringIdea(code: string, file: string): string {
  const match = /"""\s*([^]*?)"""/.exec(code);
  const text = match?.[1]?.split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ').trim();
  if (!text) throw new Error(`bank solution ${file} has no docstring to take its idea from`);
  return text;
}

/** A bank solution read from `lib/tasks/<taskId>/solutions/<name>.py`, its idea taken from its docstring. */
export function bankSolution(taskId: string, name: string, tier: BankSolution['tier']): BankSolution {
  const file = `solutions/${name}.py`;
  const code = readTaskFile(taskId, file);
  return { name: name.replace(/_/g, '-'), idea: docstringIdea(code, `${taskId}/${file}`), code, tier };
}

/** The task's seed solution as a bank entry (the seed is the naive starting point, so usually 'poor'). */
export function seedAsBankSolution(seedSolution: string, idea: string, tier: BankSolution['tier'] = 'poor'): BankSolution {
  return { name: 'seed', idea, code: seedSolution, tier };
}

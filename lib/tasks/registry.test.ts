import { describe, expect, it } from 'vitest';
import { BUILTIN_TASKS, getBuiltinTask, isBuiltinTaskId, taskForPrompt } from './registry';
import { TRANSFER_TASK_IDS } from './transfer';

describe('built-in task registry', () => {
  it('lists the six tasks of the specification', () => {
    expect(BUILTIN_TASKS.map((task) => task.id)).toEqual([
      'lpn',
      'parity',
      'string-grid',
      'quadratic-assignment',
      '3sat',
      'maxcut',
    ]);
    expect(getBuiltinTask('maxcut')?.name).toBe('Maxcut');
    expect(getBuiltinTask('nope')).toBeUndefined();
    expect(isBuiltinTaskId('3sat')).toBe(true);
  });

  it('recognises each task from a prompt that quotes its description, and only that task', () => {
    for (const task of BUILTIN_TASKS) {
      const prompt = `Improve the following solution.\n\n${task.description}\n\n\`\`\`python\n${task.seedSolution}\n\`\`\``;
      expect(taskForPrompt(prompt)?.id).toBe(task.id);
      const others = BUILTIN_TASKS.filter((other) => other.id !== task.id);
      for (const other of others) {
        for (const marker of other.promptMarkers) expect(task.description.toLowerCase()).not.toContain(marker.toLowerCase());
      }
    }
    expect(taskForPrompt('Write a haiku about the sea.')).toBeUndefined();
  });

  it('keeps solution code free of the judge, and every bank entry loadable as a Python module', () => {
    for (const task of BUILTIN_TASKS) {
      expect(task.judgeCode).toMatch(/^def generate\(seed, count\):/m);
      expect(task.judgeCode).toMatch(/^def score\(args, hidden, output\):/m);
      expect(task.judgeCode).not.toMatch(/^import numpy|^from numpy/m);
      for (const solution of task.solutionBank) {
        expect(solution.idea.length).toBeGreaterThan(10);
        expect(solution.code).toMatch(/^def algorithm\(/m);
      }
    }
  });

  it('the transfer task list names built-in tasks only (Table 1: five tasks, LPN excluded)', () => {
    expect(TRANSFER_TASK_IDS.filter((id) => !isBuiltinTaskId(id))).toEqual([]);
    expect(TRANSFER_TASK_IDS).toHaveLength(5);
    expect(TRANSFER_TASK_IDS).not.toContain('lpn');
  });
});

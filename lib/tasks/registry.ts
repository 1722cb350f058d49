import { threeSatTask } from './3sat';
import { lpnTask } from './lpn';
import { maxcutTask } from './maxcut';
import { parityTask } from './parity';
import { quadraticAssignmentTask } from './quadratic-assignment';
import { stringGridTask } from './string-grid';
import type { TaskDefinition } from './types';

/** The six built-in tasks of docs/architecture.md §2, in display order. */
export const BUILTIN_TASKS: TaskDefinition[] = [
  lpnTask,
  parityTask,
  stringGridTask,
  quadraticAssignmentTask,
  threeSatTask,
  maxcutTask,
];

export function getBuiltinTask(id: string): TaskDefinition | undefined {
  return BUILTIN_TASKS.find((task) => task.id === id);
}

export function isBuiltinTaskId(id: string): boolean {
  return BUILTIN_TASKS.some((task) => task.id === id);
}

/** The first built-in task one of whose prompt markers occurs in the text (case-insensitive). */
export function taskForPrompt(text: string): TaskDefinition | undefined {
  const haystack = text.toLowerCase();
  return BUILTIN_TASKS.find((task) => task.promptMarkers.some((marker) => haystack.includes(marker.toLowerCase())));
}

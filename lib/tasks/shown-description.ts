import { findPython } from '@/lib/sandbox/interpreter';
import { renderDescription } from './description';
import type { TaskDefinition } from './types';
import { utilitySource } from './utility-source';

/** How utility.str presents a built-in task: its Python scoring code (the reference's form) or prose. */
export type UtilityForm = 'code' | 'prose';

/**
 * The task's utility.str as the model sees it, rendered for the sandbox's interpreter (numpy or not):
 * for a built-in task the Python source of its utility by default (the paper reports that English-only
 * descriptions reduced non-trivial improvements); custom tasks and the 'prose' form give the text.
 */
export async function shownDescription(
  task: Pick<TaskDefinition, 'description' | 'judgeCode' | 'entryPoint' | 'trainInstances' | 'timeoutMsPerInstance' | 'builtin'>,
  form: UtilityForm = 'code',
): Promise<string> {
  const hasNumpy = await findPython().then(
    (python) => python.hasNumpy,
    () => false,
  );
  return task.builtin && form === 'code' ? utilitySource(task, { hasNumpy }) : renderDescription(task.description, { hasNumpy });
}

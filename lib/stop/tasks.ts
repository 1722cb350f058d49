import 'server-only';
import type { Database } from '@/db/client';
import { getBuiltinTask } from '@/lib/tasks/registry';
import type { TaskDefinition } from '@/lib/tasks/types';

/** A built-in task by id, else a custom task from the database; a clear error for unknown ids. */
export async function resolveTask(id: string, db?: Database): Promise<TaskDefinition> {
  const builtin = getBuiltinTask(id);
  if (builtin) return builtin;
  const { findCustomTask } = await import('@/db/queries/tasks');
  const custom = await findCustomTask(id, db);
  if (!custom) throw Object.assign(new Error(`unknown task "${id}"`), { code: 'unknown_task' });
  return custom;
}

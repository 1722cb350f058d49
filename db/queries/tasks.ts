import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { BUILTIN_TASKS, getBuiltinTask, isBuiltinTaskId } from '@/lib/tasks/registry';
import type { TaskDefinition } from '@/lib/tasks/types';
import { type Database, dbOr } from '../client';
import { tasks, type NewTaskRow, type TaskRow } from '../schema';


const MAX_CODE_CHARS = 200_000;
// Code is stored exactly as submitted (no trimming).
const pythonCode = z
  .string()
  .max(MAX_CODE_CHARS)
  .refine((code) => code.trim().length > 0, 'the code must not be empty');

const customTaskFields = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'id must be a slug: lower-case letters, digits and dashes, at most 63 characters'),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().min(1).max(50_000),
  judgeCode: pythonCode
    .refine((code) => /^def generate\s*\(/m.test(code), 'the judge must define generate(seed, count)')
    .refine((code) => /^def score\s*\(/m.test(code), 'the judge must define score(args, hidden, output)'),
  seedSolution: pythonCode,
  entryPoint: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the entry point must be a Python identifier')
    .default('algorithm'),
  trainInstances: z.number().int().min(1).max(1000),
  testInstances: z.number().int().min(1).max(1000),
  trainSeed: z.number().int().min(0).max(2_147_483_647),
  testSeed: z.number().int().min(0).max(2_147_483_647),
  timeoutMsPerInstance: z.number().int().min(1).max(60_000),
  failureValue: z.number().min(0).max(1).default(0),
});

type CustomTaskFields = z.infer<typeof customTaskFields>;

function checkConsistency(task: Partial<CustomTaskFields>, context: z.RefinementCtx): void {
  if (task.trainSeed !== undefined && task.trainSeed === task.testSeed) {
    context.addIssue({ code: 'custom', path: ['testSeed'], message: 'the test seed must differ from the training seed' });
  }
  if (task.seedSolution !== undefined && task.entryPoint !== undefined) {
    const defines = new RegExp(`^def ${task.entryPoint}\\s*\\(`, 'm');
    if (!defines.test(task.seedSolution)) {
      context.addIssue({ code: 'custom', path: ['seedSolution'], message: `the seed solution must define ${task.entryPoint}()` });
    }
  }
}

/** A custom task as users submit it (server actions validate with this too). */
export const customTaskSchema = customTaskFields.superRefine(checkConsistency);
export type CustomTaskInput = z.input<typeof customTaskSchema>;

export type TaskQueryErrorCode = 'invalid' | 'builtin' | 'exists' | 'not_found';

export class TaskQueryError extends Error {
  constructor(
    message: string,
    readonly code: TaskQueryErrorCode,
    readonly issues: z.core.$ZodIssue[] = [],
  ) {
    super(message);
    this.name = 'TaskQueryError';
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const summary = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'task'}: ${issue.message}`).join('; ');
  throw new TaskQueryError(`invalid task: ${summary}`, 'invalid', parsed.error.issues);
}

function refuseBuiltin(id: string, action: string): void {
  if (isBuiltinTaskId(id)) throw new TaskQueryError(`"${id}" is a built-in task and cannot be ${action}`, 'builtin');
}

function toRow(task: Omit<TaskDefinition, 'promptMarkers' | 'solutionBank'>): NewTaskRow {
  return {
    id: task.id,
    name: task.name,
    description: task.description,
    judgeCode: task.judgeCode,
    seedSolution: task.seedSolution,
    entryPoint: task.entryPoint,
    trainInstances: task.trainInstances,
    testInstances: task.testInstances,
    trainSeed: task.trainSeed,
    testSeed: task.testSeed,
    timeoutMs: task.timeoutMsPerInstance,
    failureValue: task.failureValue,
    builtin: task.builtin,
  };
}

function fromRow(row: TaskRow): TaskDefinition {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    judgeCode: row.judgeCode,
    seedSolution: row.seedSolution,
    entryPoint: row.entryPoint,
    trainInstances: row.trainInstances,
    testInstances: row.testInstances,
    trainSeed: row.trainSeed,
    testSeed: row.testSeed,
    timeoutMsPerInstance: row.timeoutMs,
    failureValue: row.failureValue,
    builtin: false,
    promptMarkers: [],
    solutionBank: [],
  };
}

/**
 * Mirrors the built-in tasks into the tasks table (insert or overwrite), so that the database holds
 * the judge, description and seeds a run used. The code stays authoritative for built-ins.
 */
export async function mirrorBuiltinTasks(db?: Database): Promise<void> {
  const database = await dbOr(db);
  for (const task of BUILTIN_TASKS) {
    const { id: _id, ...fields } = toRow(task);
    await database.insert(tasks).values(toRow(task)).onConflictDoUpdate({ target: tasks.id, set: fields });
  }
}

/** A custom (user-defined) task from the database; built-in ids are never looked up here. */
export async function findCustomTask(id: string, db?: Database): Promise<TaskDefinition | undefined> {
  if (isBuiltinTaskId(id)) return undefined;
  const [row] = await (await dbOr(db)).select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return row && !row.builtin ? fromRow(row) : undefined;
}

/** A built-in task (from code) or a custom one (from the database). */
export async function getTask(id: string, db?: Database): Promise<TaskDefinition | undefined> {
  return getBuiltinTask(id) ?? findCustomTask(id, db);
}

/** The built-in tasks in their display order, then the custom tasks, oldest first. */
export async function listTasks(db?: Database): Promise<TaskDefinition[]> {
  const rows = await (await dbOr(db)).select().from(tasks).where(eq(tasks.builtin, false)).orderBy(asc(tasks.createdAt), asc(tasks.id));
  return [...BUILTIN_TASKS, ...rows.filter((row) => !isBuiltinTaskId(row.id)).map(fromRow)];
}

export async function createCustomTask(input: unknown, db?: Database): Promise<TaskDefinition> {
  const fields = parseOrThrow(customTaskSchema, input);
  refuseBuiltin(fields.id, 'redefined');
  const inserted = await (await dbOr(db))
    .insert(tasks)
    .values(toRow({ ...fields, builtin: false }))
    .onConflictDoNothing({ target: tasks.id })
    .returning();
  const [row] = inserted;
  if (!row) throw new TaskQueryError(`a task with id "${fields.id}" already exists`, 'exists');
  return fromRow(row);
}

/** Changes some fields of a custom task (its id cannot change); the result is validated as a whole. */
export async function updateCustomTask(id: string, patch: unknown, db?: Database): Promise<TaskDefinition> {
  refuseBuiltin(id, 'edited');
  const database = await dbOr(db);
  const current = await findCustomTask(id, database);
  if (!current) throw new TaskQueryError(`no custom task "${id}"`, 'not_found');
  const changes = parseOrThrow(customTaskFields.omit({ id: true }).partial().strict(), patch ?? {});
  const merged = parseOrThrow(customTaskSchema, { ...current, ...changes, id });
  const { id: _id, ...fields } = toRow({ ...merged, builtin: false });
  const [row] = await database.update(tasks).set(fields).where(eq(tasks.id, id)).returning();
  if (!row) throw new TaskQueryError(`no custom task "${id}"`, 'not_found');
  return fromRow(row);
}

/** Deletes a custom task; false when there was none. */
export async function deleteCustomTask(id: string, db?: Database): Promise<boolean> {
  refuseBuiltin(id, 'deleted');
  const deleted = await (await dbOr(db)).delete(tasks).where(eq(tasks.id, id)).returning({ id: tasks.id });
  return deleted.length > 0;
}

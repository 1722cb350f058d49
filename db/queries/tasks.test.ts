import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { tasks } from '@/db/schema';
import { BUILTIN_TASKS } from '@/lib/tasks/registry';
import { openTestDatabase, testBackends } from '@/testing/databases';
import {
  createCustomTask,
  deleteCustomTask,
  findCustomTask,
  getTask,
  listTasks,
  mirrorBuiltinTasks,
  TaskQueryError,
  updateCustomTask,
} from './tasks';

const custom = (id: string) => ({
  id,
  name: 'Sum of a list',
  description: 'Return the sum of the list of ints you are given.',
  judgeCode: 'import random\n\ndef generate(seed, count):\n    return []\n\ndef score(args, hidden, output):\n    return 0.0\n',
  seedSolution: 'def algorithm(values):\n    return 0\n',
  trainInstances: 5,
  testInstances: 7,
  trainSeed: 1,
  testSeed: 2,
  timeoutMsPerInstance: 250,
});

async function rejection(promise: Promise<unknown>): Promise<TaskQueryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TaskQueryError);
  return error as TaskQueryError;
}

describe.each(testBackends())('tasks on %s', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('mirrors the built-in tasks, idempotently, and overwrites stale copies', async () => {
    await mirrorBuiltinTasks(handle.db);
    await handle.db.update(tasks).set({ description: 'stale' });
    await mirrorBuiltinTasks(handle.db);
    const rows = await handle.db.select().from(tasks);
    expect(rows.map((row) => row.id).sort()).toEqual(BUILTIN_TASKS.map((task) => task.id).sort());
    const lpn = rows.find((row) => row.id === 'lpn')!;
    const definition = BUILTIN_TASKS.find((task) => task.id === 'lpn')!;
    expect(lpn).toMatchObject({
      builtin: true,
      description: definition.description,
      judgeCode: definition.judgeCode,
      timeoutMs: definition.timeoutMsPerInstance,
      trainSeed: definition.trainSeed,
      testSeed: definition.testSeed,
    });
  });

  it('creates, lists, updates and deletes a custom task', async () => {
    const created = await createCustomTask(custom('list-sum'), handle.db);
    expect(created).toMatchObject({ id: 'list-sum', builtin: false, entryPoint: 'algorithm', failureValue: 0, promptMarkers: [], solutionBank: [] });
    expect(await findCustomTask('list-sum', handle.db)).toEqual(created);
    expect(await getTask('list-sum', handle.db)).toEqual(created);
    expect((await getTask('maxcut', handle.db))?.solutionBank.length).toBeGreaterThan(0);

    const listed = await listTasks(handle.db);
    expect(listed.map((task) => task.id)).toEqual([...BUILTIN_TASKS.map((task) => task.id), 'list-sum']);

    const updated = await updateCustomTask('list-sum', { timeoutMsPerInstance: 400, failureValue: 0.1 }, handle.db);
    expect(updated).toMatchObject({ timeoutMsPerInstance: 400, failureValue: 0.1, testInstances: 7 });
    expect((await findCustomTask('list-sum', handle.db))?.timeoutMsPerInstance).toBe(400);

    expect(await deleteCustomTask('list-sum', handle.db)).toBe(true);
    expect(await deleteCustomTask('list-sum', handle.db)).toBe(false);
    expect(await getTask('list-sum', handle.db)).toBeUndefined();
  });

  it('refuses invalid custom tasks with readable reasons', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['bad slug', { id: 'Has Spaces' }, /id must be a slug/],
      ['judge without score', { judgeCode: 'def generate(seed, count):\n    return []\n' }, /score/],
      ['seed without entry point', { seedSolution: 'def solve(x):\n    return x\n' }, /must define algorithm/],
      ['same seeds', { testSeed: 1 }, /test seed must differ/],
      ['no instances', { trainInstances: 0 }, /trainInstances/],
      ['fractional timeout', { timeoutMsPerInstance: 1.5 }, /timeoutMsPerInstance/],
      ['failure value above 1', { failureValue: 2 }, /failureValue/],
    ];
    for (const [label, change, message] of cases) {
      const error = await rejection(createCustomTask({ ...custom(`bad-${label.replace(/ /g, '-')}`), ...change }, handle.db));
      expect(error.code, label).toBe('invalid');
      expect(error.message, label).toMatch(message);
    }
    await createCustomTask(custom('patched'), handle.db);
    expect((await rejection(updateCustomTask('patched', { testSeed: 1 }, handle.db))).code).toBe('invalid');
    expect((await rejection(updateCustomTask('patched', { id: 'renamed' }, handle.db))).code).toBe('invalid');
    expect((await rejection(updateCustomTask('missing', { name: 'x' }, handle.db))).code).toBe('not_found');
  });

  it('protects built-in ids and refuses duplicates', async () => {
    await mirrorBuiltinTasks(handle.db);
    expect((await rejection(createCustomTask(custom('lpn'), handle.db))).code).toBe('builtin');
    expect((await rejection(updateCustomTask('maxcut', { name: 'x' }, handle.db))).code).toBe('builtin');
    expect((await rejection(deleteCustomTask('3sat', handle.db))).code).toBe('builtin');
    expect(await findCustomTask('lpn', handle.db)).toBeUndefined();
    await createCustomTask(custom('twice'), handle.db);
    expect((await rejection(createCustomTask(custom('twice'), handle.db))).code).toBe('exists');
  });
});

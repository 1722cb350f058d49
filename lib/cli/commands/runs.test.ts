import { describe, expect, test } from 'vitest';
import { newId } from '@/db/ids';
import { insertRun, updateRun } from '@/db/queries/runs';
import { saveStep } from '@/db/queries/steps';
import type { RunWorkload } from '@/lib/runs/workload';
import { UsageError, type CommandIo } from '../command';
import { showCommand } from './runs';

function capture(): { io: CommandIo; printed: unknown[]; human: string[] } {
  const printed: unknown[] = [];
  const human: string[] = [];
  return {
    printed,
    human,
    io: { json: false, out: () => undefined, err: () => undefined, result: (data, render) => void (printed.push(data), human.push(render(data))) },
  };
}

describe('stop show', () => {
  test("a run recorded before results carried their workload gets it from the record", async () => {
    const id = newId('run');
    await insertRun({ id, kind: 'stop', title: 'older run', status: 'running', config: {}, seedImprover: 'x', provider: 'scripted', model: 'scripted-strong' });
    const trace = (...hashes: string[]) => ({ utilityTrace: hashes.map((program_hash) => ({ program_hash })) });
    await saveStep(id, 'r0/inv/I/lpn/c0', trace('a', 'b'));
    await saveStep(id, 'r0/inv/I/lpn/c1', trace('b', 'c'));
    const iterations = [{ iteration: 0, train_meta_utility_mean: 0.6, test_meta_utility_mean: 0.55, test_standard_error: 0.01, adopted: [true] }];
    await updateRun(id, { status: 'completed', result: { iterations } });

    const { io, printed, human } = capture();
    await showCommand.run({}, [id], io);
    const shown = printed[0] as { status: string; workload: RunWorkload };
    expect(shown.status).toBe('completed');
    expect(shown.workload).toMatchObject({ solution_utility_calls: 4, distinct_solutions: 3, cache_miss_rate: 0.75 });
    expect(human[0]).toContain('55.0 % ± 1.0 %');
    expect(human[0]).toContain('4 solution utility calls, 3 distinct (cache misses 75.0 %)');
  });

  test('an unknown run is a usage error', async () => {
    await expect(showCommand.run({}, ['run_missing'], capture().io)).rejects.toThrow(UsageError);
    await expect(showCommand.run({}, [], capture().io)).rejects.toThrow(/needs the id of a run/);
  });
});

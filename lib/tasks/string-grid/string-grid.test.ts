import { describe, expect, it } from 'vitest';
import { describeTaskContract } from '../testing/task-contract';
import { generateInstances } from '../testing/direct-eval';
import { stringGridTask } from '.';

function target(instance: { args: unknown[] }): string {
  return instance.args[0] as string;
}

describeTaskContract(stringGridTask, {
  seedRange: [0.38, 0.5],
  knownGood: { name: 'exact-dp', atLeast: 0.99 },
  validOutput: (instance) => JSON.stringify(target(instance)),
  malformedOutputs: (instance) => {
    const t = target(instance);
    return {
      'list of characters': JSON.stringify([...t]),
      'one extra character': JSON.stringify(`${t}A`),
      'one character short': JSON.stringify(t.slice(1)),
      'lower case': JSON.stringify(t.toLowerCase()),
      'other letter': JSON.stringify(`C${t.slice(1)}`),
      NaN: 'NaN',
      number: '1',
      null: 'null',
    };
  },
});

describe('string grid instances', () => {
  it('keeps even large training and test sets disjoint through the seed-parity split', async () => {
    expect(stringGridTask.trainSeed % 2).not.toBe(stringGridTask.testSeed % 2);
    // Many short strings, so that repeats would be certain without the parity split.
    const [a, b] = await Promise.all([
      generateInstances(stringGridTask.judgeCode, stringGridTask.trainSeed, 400),
      generateInstances(stringGridTask.judgeCode, stringGridTask.testSeed, 400),
    ]);
    const keys = new Set(a.map((instance) => JSON.stringify(instance.args)));
    expect(b.some((instance) => keys.has(JSON.stringify(instance.args)))).toBe(false);
    expect(a.every((instance) => (instance.args[0] as string).length >= 1 && (instance.args[0] as string).length <= 30)).toBe(true);
  });
});

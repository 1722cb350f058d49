import { describe, expect, it } from 'vitest';
import { describeTaskContract } from '../testing/task-contract';
import { bitListMalformations } from '../testing/malformed';
import { generateInstances, scoreOutputs } from '../testing/direct-eval';
import { maxcutTask } from '.';

function nodes(instance: { args: unknown[] }): number {
  return (instance.args[0] as number[][]).length;
}

describeTaskContract(maxcutTask, {
  seedRange: [0, 0.12],
  knownGood: { name: 'local-search-restarts', atLeast: 0.97 },
  bankInstances: 20,
  validOutput: (instance) => JSON.stringify(Array.from({ length: nodes(instance) }, (_, index) => index % 2)),
  malformedOutputs: (instance) => {
    // Any two label values form a cut, as in the reference (1/2, ±1, 0 and 0.5, 0 and "0").
    const { 'value 2': _two, 'value -1': _minusOne, 'value 0.5': _half, 'string label': _string, ...malformed } = bitListMalformations(nodes(instance));
    return { ...malformed, 'three labels': JSON.stringify(Array.from({ length: nodes(instance) }, (_, index) => index % 3)) };
  },
});

describe('maxcut normalisation', () => {
  it('scores everything on one side 0', async () => {
    const [instance] = await generateInstances(maxcutTask.judgeCode, maxcutTask.trainSeed, 1);
    const oneSide = JSON.stringify(Array(nodes(instance!)).fill(0));
    expect(await scoreOutputs(maxcutTask, 1, `[[0, ${oneSide}]]`)).toEqual([0]);
  });
});

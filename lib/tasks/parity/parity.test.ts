import { describe, expect, it } from 'vitest';
import { lpnTask } from '../lpn';
import { describeTaskContract } from '../testing/task-contract';
import { generateInstances } from '../testing/direct-eval';
import { predictionLengthMalformations } from '../testing/malformed';
import { parityTask } from '.';

describeTaskContract(parityTask, {
  seedRange: [0.4, 0.6],
  knownGood: { name: 'gaussian-elimination', atLeast: 0.99 },
  validOutput: () => JSON.stringify(Array(20).fill(1)),
  malformedOutputs: () => predictionLengthMalformations(20),
});

describe('parity without noise', () => {
  it('has training labels that are the exact parity of the secret', async () => {
    const instances = await generateInstances(parityTask.judgeCode, parityTask.trainSeed, 5);
    for (const { args, hidden } of instances) {
      const [samples, labels] = args as [number[][], number[]];
      const { secret } = hidden as { secret: number[] };
      const parity = samples.map((sample) => sample.reduce((sum, bit, index) => sum + bit * secret[index]!, 0) % 2);
      expect(labels).toEqual(parity);
    }
    expect(parityTask.judgeCode).not.toBe(lpnTask.judgeCode);
  });
});

import { describeTaskContract } from '../testing/task-contract';
import { threeSatTask } from '.';

function variables(instance: { args: unknown[] }): number {
  const formula = instance.args[0] as number[][];
  return Math.max(...formula.flat().map(Math.abs));
}

describeTaskContract(threeSatTask, {
  seedRange: [0, 0.2],
  knownGood: { name: 'walksat', atLeast: 0.98 },
  validOutput: (instance) => JSON.stringify(Array(variables(instance) + 1).fill(false)),
  // Outputs on which the reference's check `assignment[v] > 0` raises at its first literal (the check
  // short-circuits, so a short list or a bad value further on may never be read, as there).
  malformedOutputs: (instance) => {
    const n = variables(instance);
    const truth = Array<boolean>(n + 1).fill(true);
    return {
      empty: '[]',
      'nested lists': JSON.stringify(truth.map((value) => [value])),
      'strings "true"': JSON.stringify(truth.map(() => 'true')),
      'a dict': JSON.stringify({ 1: true }),
      null: 'null',
    };
  },
});

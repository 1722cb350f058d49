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
  malformedOutputs: (instance) => {
    const n = variables(instance);
    const truth = Array<boolean>(n + 1).fill(true);
    const withFirst = (value: string) => `[false,${value},${truth.slice(2).join(',')}]`;
    return {
      'without entry 0': JSON.stringify(truth.slice(1)),
      'one extra': JSON.stringify([...truth, true]),
      empty: '[]',
      'value 2': withFirst('2'),
      'value -1': withFirst('-1'),
      'value 0.5': withFirst('0.5'),
      NaN: withFirst('NaN'),
      'string "true"': withFirst('"true"'),
      'null value': withFirst('null'),
      'nested lists': JSON.stringify(truth.map((value) => [value])),
      'a dict': JSON.stringify({ 1: true }),
      null: 'null',
    };
  },
});

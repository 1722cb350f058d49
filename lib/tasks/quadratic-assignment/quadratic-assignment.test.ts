import { describeTaskContract } from '../testing/task-contract';
import { quadraticAssignmentTask } from '.';

const N = 15;
const identity = Array.from({ length: N }, (_, index) => index);
const withFirst = (value: string) => `[${value},${identity.slice(1).join(',')}]`;

describeTaskContract(quadraticAssignmentTask, {
  seedRange: [0.05, 0.3],
  knownGood: { name: 'swap-search-restarts', atLeast: 0.95 },
  validOutput: () => JSON.stringify(identity),
  malformedOutputs: () => ({
    'numbered from 1': JSON.stringify(identity.map((index) => index + 1)),
    'repeated location': withFirst('1'),
    'one short': JSON.stringify(identity.slice(1)),
    'one extra': JSON.stringify([...identity, 0]),
    'value 1.5': withFirst('1.5'),
    'value -1': withFirst('-1'),
    NaN: withFirst('NaN'),
    Infinity: withFirst('Infinity'),
    'bool index': withFirst('false'),
    'string index': withFirst('"0"'),
    'nested lists': JSON.stringify(identity.map((index) => [index])),
    'a dict': JSON.stringify({ 0: 0 }),
    null: 'null',
  }),
});

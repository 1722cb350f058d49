import { describeTaskContract } from '../testing/task-contract';
import { lpnTask } from '.';
import { bitListMalformations } from '../testing/malformed';

describeTaskContract(lpnTask, {
  seedRange: [0.4, 0.6],
  knownGood: { name: 'exhaustive-min-errors', atLeast: 0.95 },
  validOutput: () => JSON.stringify(Array(20).fill(0)),
  malformedOutputs: () => ({
    ...bitListMalformations(20),
    'train-length predictions': JSON.stringify(Array(100).fill(0)),
  }),
});

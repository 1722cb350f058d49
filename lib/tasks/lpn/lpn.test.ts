import { describeTaskContract } from '../testing/task-contract';
import { lpnTask } from '.';
import { predictionLengthMalformations } from '../testing/malformed';

describeTaskContract(lpnTask, {
  seedRange: [0.4, 0.6],
  knownGood: { name: 'exhaustive-min-errors', atLeast: 0.95 },
  // As in the reference, predictions are flattened and compared with ==: other values are simply wrong,
  // and only a prediction of another length is malformed (the reference's exception).
  validOutput: () => JSON.stringify(Array(20).fill(0)),
  malformedOutputs: () => ({
    ...predictionLengthMalformations(20),
    'train-length predictions': JSON.stringify(Array(100).fill(0)),
  }),
});

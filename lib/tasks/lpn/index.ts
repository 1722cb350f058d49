import { bankSolution, readTaskFile, seedAsBankSolution } from '../files';
import type { TaskDefinition } from '../types';

const seedSolution = readTaskFile('lpn', 'seed.py');

/** Learning parity with noise: 10 bits, 100 noisy training samples, 20 clean test samples. */
export const lpnTask: TaskDefinition = {
  id: 'lpn',
  name: 'Learning parity with noise',
  description: readTaskFile('lpn', 'description.md'),
  judgeCode: readTaskFile('lpn', 'judge.py'),
  seedSolution,
  entryPoint: 'algorithm',
  trainInstances: 20,
  testInstances: 50,
  trainSeed: 1001,
  testSeed: 1_000_001,
  timeoutMsPerInstance: 2000,
  failureValue: 0,
  builtin: true,
  promptMarkers: ['Learning parity with noise', 'flipped independently with probability 0.05'],
  solutionBank: [
    seedAsBankSolution(seedSolution, 'Guess every label by a fair coin flip.'),
    bankSolution('lpn', 'majority_label', 'poor'),
    bankSolution('lpn', 'low_weight_search', 'fair'),
    bankSolution('lpn', 'gaussian_elimination', 'good'),
    bankSolution('lpn', 'exhaustive_min_errors', 'best'),
    bankSolution('lpn', 'slow_vote', 'timeout'),
    bankSolution('lpn', 'per_sample_lists', 'broken'),
  ],
};

import { bankSolution, readTaskFile, seedAsBankSolution } from '../files';
import type { TaskDefinition } from '../types';

const seedSolution = readTaskFile('string-grid', 'seed.py');

/**
 * String grid distance. The judge keeps training and test sets disjoint by seed parity, so the training
 * seed must be even and the test seed odd (or the other way round).
 */
export const stringGridTask: TaskDefinition = {
  id: 'string-grid',
  name: 'String grid distance',
  description: readTaskFile('string-grid', 'description.md'),
  judgeCode: readTaskFile('string-grid', 'judge.py'),
  seedSolution,
  entryPoint: 'algorithm',
  trainInstances: 50,
  testInstances: 50,
  trainSeed: 3000,
  testSeed: 3_000_001,
  timeoutMsPerInstance: 100,
  failureValue: 0,
  builtin: true,
  promptMarkers: ['String grid distance', 'grid_dist(s, t)'],
  solutionBank: [
    seedAsBankSolution(seedSolution, 'Return t itself, ignoring the requested distance.'),
    bankSolution('string-grid', 'random_string', 'poor'),
    bankSolution('string-grid', 'prefix_flip', 'fair'),
    bankSolution('string-grid', 'single_flips', 'good'),
    bankSolution('string-grid', 'annealing', 'good'),
    bankSolution('string-grid', 'exact_dp', 'best'),
    bankSolution('string-grid', 'exhaustive', 'timeout'),
    bankSolution('string-grid', 'char_list', 'broken'),
  ],
};

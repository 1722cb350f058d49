import { bankSolution, readTaskFile, seedAsBankSolution } from '../files';
import type { TaskDefinition } from '../types';

const seedSolution = readTaskFile('quadratic-assignment', 'seed.py');

/** Modified quadratic assignment, n = 15, scored relative to a random permutation and the judge's own search. */
export const quadraticAssignmentTask: TaskDefinition = {
  id: 'quadratic-assignment',
  name: 'Modified quadratic assignment',
  description: readTaskFile('quadratic-assignment', 'description.md'),
  judgeCode: readTaskFile('quadratic-assignment', 'judge.py'),
  seedSolution,
  entryPoint: 'algorithm',
  trainInstances: 10,
  testInstances: 10,
  trainSeed: 5001,
  testSeed: 5_000_001,
  // The reference allowed 0.5 s per instance in its held-out evaluation.
  timeoutMsPerInstance: 500,
  failureValue: 0,
  builtin: true,
  promptMarkers: ['Modified quadratic assignment', 'F[i][j] * D[a[i]][a[j]]'],
  solutionBank: [
    seedAsBankSolution(seedSolution, 'Pair the busiest facilities with the most central locations.'),
    bankSolution('quadratic-assignment', 'identity', 'poor'),
    bankSolution('quadratic-assignment', 'preference_greedy', 'fair'),
    bankSolution('quadratic-assignment', 'swap_descent', 'good'),
    bankSolution('quadratic-assignment', 'swap_search_restarts', 'best'),
    bankSolution('quadratic-assignment', 'all_permutations', 'timeout'),
    bankSolution('quadratic-assignment', 'one_based', 'broken'),
  ],
};

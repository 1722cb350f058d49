import { bankSolution, readTaskFile, seedAsBankSolution } from '../files';
import type { TaskDefinition } from '../types';

const seedSolution = readTaskFile('maxcut', 'seed.py');

/** Weighted max-cut on dense random graphs of 50..200 nodes. */
export const maxcutTask: TaskDefinition = {
  id: 'maxcut',
  name: 'Maxcut',
  description: readTaskFile('maxcut', 'description.md'),
  judgeCode: readTaskFile('maxcut', 'judge.py'),
  seedSolution,
  entryPoint: 'algorithm',
  trainInstances: 100,
  testInstances: 100,
  trainSeed: 4001,
  testSeed: 4_000_001,
  timeoutMsPerInstance: 100,
  failureValue: 0,
  builtin: true,
  promptMarkers: ['Weighted maximum cut', 'splits the nodes of a weighted graph'],
  solutionBank: [
    seedAsBankSolution(seedSolution, 'Put each node on a random side.'),
    bankSolution('maxcut', 'index_halves', 'poor'),
    bankSolution('maxcut', 'greedy_placement', 'fair'),
    bankSolution('maxcut', 'greedy_local_search', 'good'),
    bankSolution('maxcut', 'local_search_restarts', 'best'),
    bankSolution('maxcut', 'naive_greedy', 'timeout'),
    bankSolution('maxcut', 'one_two_labels', 'broken'),
  ],
};

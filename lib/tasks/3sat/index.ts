import { bankSolution, readTaskFile, seedAsBankSolution } from '../files';
import type { TaskDefinition } from '../types';

const seedSolution = readTaskFile('3sat', 'seed.py');

/** Planted 3-SAT with 5..50 variables and 4n clauses. */
export const threeSatTask: TaskDefinition = {
  id: '3sat',
  name: '3-SAT',
  description: readTaskFile('3sat', 'description.md'),
  judgeCode: readTaskFile('3sat', 'judge.py'),
  seedSolution,
  entryPoint: 'algorithm',
  trainInstances: 30,
  testInstances: 30,
  trainSeed: 6001,
  testSeed: 6_000_001,
  timeoutMsPerInstance: 100,
  failureValue: 0,
  builtin: true,
  promptMarkers: ['Planted 3-SAT', 'satisfying assignment of a 3-SAT formula'],
  solutionBank: [
    seedAsBankSolution(seedSolution, 'Assign every variable by a coin flip.'),
    bankSolution('3sat', 'majority_polarity', 'fair'),
    bankSolution('3sat', 'greedy_repair', 'good'),
    bankSolution('3sat', 'walksat', 'best'),
    bankSolution('3sat', 'brute_force', 'timeout'),
    bankSolution('3sat', 'one_based_off_by_one', 'broken'),
  ],
};

import { builtinTask } from '../files';

/** Weighted max-cut on dense random graphs of 50..200 nodes. */
export const maxcutTask = builtinTask({
  id: 'maxcut',
  name: 'Maxcut',
  trainInstances: 100,
  testInstances: 100,
  trainSeed: 4001,
  testSeed: 4_000_001,
  timeoutMsPerInstance: 100,
  // The reference: a timeout or an exception on any graph makes the utility 0.01, floor 0.01.
  failureValue: 0.01,
  scoring: { instanceFailureValue: 0, fatalFailures: ['timeout', 'exception'], fatalValue: 0.01, floor: 0.01 },
  argumentTypes: ['float-array'],
  promptMarkers: ['Weighted maximum cut', 'splits the nodes of a weighted graph'],
  seedIdea: 'Put each node on a random side.',
  bank: [
    ['index_halves', 'poor'],
    ['greedy_placement', 'fair'],
    ['greedy_local_search', 'good'],
    ['local_search_restarts', 'best'],
    ['exhaustive_cut', 'timeout'],
    ['drops_last_node', 'broken'],
  ],
});

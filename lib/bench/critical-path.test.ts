import { describe, expect, test } from 'vitest';
import { capacityFloorMs, criticalPath, type CallGraph } from './critical-path';

/** Programs are the response text itself; the hash is the program prefixed. */
const programsOf = (response: string) => (response.startsWith('prog:') ? [response] : []);
const hashOf = (program: string) => `h(${program})`;

describe('criticalPath', () => {
  test('a measurement takes its longest copy; a copy sums its LM latency and its evaluations', () => {
    const graph: CallGraph = {
      calls: [
        { stepKey: 'r0/inv/I/lpn/c0', latencyMs: 500, responses: ['prog:a', 'prog:b', 'no code'] },
        { stepKey: 'r0/inv/I/lpn/c1', latencyMs: 700, responses: ['prog:a'] },
      ],
      evaluations: [
        { instanceSet: 'train', solutionHash: 'h(prog:a)', durationMs: 100 },
        { instanceSet: 'train', solutionHash: 'h(prog:b)', durationMs: 300 },
        { instanceSet: 'test', solutionHash: 'h(prog:b)', durationMs: 50 },
      ],
      steps: [
        { stepKey: 'r0/inv/I/lpn/c0', result: { solution: 'prog:b' } },
        { stepKey: 'r0/inv/I/lpn/c1', result: { solution: 'prog:a' } },
      ],
    };
    const path = criticalPath(graph, programsOf, hashOf);
    // c0: 500 + a 100 + b 300 + test(b) 50 = 950; c1: 700 + 100 = 800.
    expect(path.bound_ms).toBe(950);
    expect(path.serial_estimate_ms).toBe(1750);
    // Sequential with the per-run cache: c1's evaluation of a is already paid for (c0: 950, c1: 700).
    expect(path.sequential_estimate_ms).toBe(1650);
    expect(path.copies).toBe(2);
  });

  test('a repeat is sequential (improve steps and measurements add up); repeats are parallel', () => {
    const graph: CallGraph = {
      calls: [
        { stepKey: 'r0/t1/improve', latencyMs: 400, responses: [] },
        { stepKey: 'r0/inv/I0/lpn/c0', latencyMs: 100, responses: [] },
        { stepKey: 'r0/inv/I1/lpn/c0', latencyMs: 200, responses: [] },
        { stepKey: 'r1/inv/I0/lpn/c0', latencyMs: 1000, responses: [] },
      ],
      evaluations: [],
      steps: [],
    };
    const path = criticalPath(graph, programsOf, hashOf);
    expect(path.repeats).toEqual([
      { repeat: 0, chain_ms: 700, lm_ms: 700, evaluation_ms: 0, measurements: 2 },
      { repeat: 1, chain_ms: 1000, lm_ms: 1000, evaluation_ms: 0, measurements: 1 },
    ]);
    expect(path.bound_ms).toBe(1000);
  });
});

describe('criticalPath and the per-run cache', () => {
  test('an evaluation finished by an earlier measurement of the same repeat costs nothing later', () => {
    const graph: CallGraph = {
      calls: [
        { stepKey: 'r0/inv/I0/lpn/c0', latencyMs: 100, responses: ['prog:slow'] },
        { stepKey: 'r0/inv/I1/lpn/c0', latencyMs: 100, responses: ['prog:slow'] },
        { stepKey: 'r1/inv/I1/lpn/c0', latencyMs: 100, responses: ['prog:slow'] },
      ],
      evaluations: [{ instanceSet: 'train', solutionHash: 'h(prog:slow)', durationMs: 1000 }],
      steps: [],
    };
    const path = criticalPath(graph, programsOf, hashOf);
    expect(path.repeats.map((row) => row.chain_ms)).toEqual([1200, 1100]);
    expect(path.serial_estimate_ms).toBe(3300);
  });
});

describe('capacityFloorMs', () => {
  test("is the programs' own CPU time shared out over the cores; unrecorded CPU counts zero", () => {
    const rows = [
      { instanceSet: 'train', solutionHash: 'a', durationMs: 900, programCpuMs: 600 },
      { instanceSet: 'test', solutionHash: 'a', durationMs: 500, programCpuMs: 200 },
      { instanceSet: 'train', solutionHash: 'b', durationMs: 400 },
      { instanceSet: 'train', solutionHash: 'c', durationMs: 400, programCpuMs: Number.NaN },
    ];
    expect(capacityFloorMs(rows, 2)).toBe(400);
    expect(capacityFloorMs(rows, 0)).toBe(800);
  });
});

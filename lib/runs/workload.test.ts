import { describe, expect, test } from 'vitest';
import { programHashes, summariseWorkload } from './workload';

const fenced = (code: string) => `An idea.\n\`\`\`python\n${code}\n\`\`\``;
const trace = (...hashes: string[]) => ({ utilityTrace: hashes.map((program_hash) => ({ program_hash, score: 0.5, cached: false })) });

describe('summariseWorkload', () => {
  test('a miss is a solution no earlier utility call of the run asked about', () => {
    const workload = summariseWorkload({
      steps: [
        { stepKey: 'r0/inv/I0/lpn/c0', result: trace('a', 'b', 'a') },
        { stepKey: 'r0/inv/I0/lpn/c1', result: trace('c', 'b') },
        { stepKey: 'r1/inv/I1/lpn/c0', result: trace('d') },
      ],
      evaluations: 7,
      programs: [],
    });
    expect(workload).toMatchObject({ solution_utility_calls: 6, distinct_solutions: 4, sandbox_evaluations: 7 });
    expect(workload.cache_miss_rate).toBeCloseTo(4 / 6);
  });

  test('self-improvement steps (improvers scored by meta-utility) and other steps are not solution calls', () => {
    const workload = summariseWorkload({
      steps: [
        { stepKey: 'r0/t1/improve', result: trace('improver-a', 'improver-b') },
        { stepKey: 'r0/t0/record', result: { mean: 0.5 } },
        { stepKey: 'r0/inv/I0/lpn/c0', result: { error: { code: 'timeout' } } },
        { stepKey: 'r0/inv/I0/lpn/c1', result: { utilityTrace: 'not a list' } },
      ],
      evaluations: 0,
      programs: [],
    });
    expect(workload).toMatchObject({ solution_utility_calls: 0, distinct_solutions: 0, cache_miss_rate: null });
  });

  test('counts the programs the model wrote and how many were distinct (answers without code are not programs)', () => {
    const workload = summariseWorkload({
      steps: [],
      evaluations: 0,
      programs: programHashes([fenced('def f():\n    return 1'), fenced('def f():\n    return 1'), fenced('def f():\n    return 2'), 'I cannot help with that.']),
      imperfections: [null, null, null, 'refusal'],
    });
    expect(workload).toMatchObject({ model_programs: 3, distinct_model_programs: 2, scripted_imperfections: { refusal: 1 } });
  });
});

describe('loadWorkload', () => {
  test('reads every model call of a long run, a page at a time', async () => {
    const { newId } = await import('@/db/ids');
    const { insertRun } = await import('@/db/queries/runs');
    const { recordLmCall } = await import('@/db/queries/lm-calls');
    const { loadWorkload } = await import('./workload');
    const runId = newId('run');
    await insertRun({ id: runId, kind: 'stop', title: 'many calls', status: 'completed', config: {}, seedImprover: 'x', provider: 'scripted', model: 'scripted-strong' });
    for (let index = 0; index < 1_203; index += 1) {
      await recordLmCall({
        runId,
        requestKey: `key-${index}`,
        ordinal: 0,
        stepKey: 'r0/inv/I/lpn/c0',
        provider: 'scripted',
        model: 'scripted-strong',
        request: {},
        responses: [fenced(`def f():\n    return ${index % 1_000}`)],
        promptTokens: 1,
        completionTokens: 1,
        costUsd: 0,
        latencyMs: 0,
        retries: 0,
        error: null,
        meta: index % 100 === 0 ? { scripted_imperfections: ['reasoning'] } : null,
      });
    }
    const workload = await loadWorkload(runId);
    expect(workload).toMatchObject({ model_programs: 1_203, distinct_model_programs: 1_000, scripted_imperfections: { reasoning: 13 } });
  });
});

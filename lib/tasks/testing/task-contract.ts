import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_RAISES } from '@/lib/sandbox/scoring';
import { renderDescription } from '../description';
import type { BankSolution, TaskDefinition } from '../types';
import { evaluateSolutions, generateInstances, scoreOutputs, type Evaluation, type GeneratedInstance } from './direct-eval';

export interface TaskContractSpec {
  /** Expected mean score of the seed solution on the training instances. */
  seedRange: [number, number];
  /** The bank solution that must score close to 1, and how close. */
  knownGood: { name: string; atLeast: number };
  /** How many training instances to score the bank on (default: all of them). */
  bankInstances?: number;
  /** A well-formed output for an instance (JSON text): must score within [0, 1]. */
  validOutput(instance: GeneratedInstance): string;
  /** Malformed outputs for an instance, by label (JSON text; NaN and Infinity allowed): each must score 0. */
  malformedOutputs(instance: GeneratedInstance): Record<string, string>;
}

const TIER_RANK: Record<BankSolution['tier'], number> = { broken: 0, timeout: 0, poor: 1, fair: 2, good: 3, best: 4 };
/** Slack for noisy (randomised) solutions when comparing neighbouring tiers. */
const TIER_SLACK = 0.05;
/**
 * The bank's quality tiers are measured with this multiple of the task's time limit, so that no tier
 * depends on how busy the machine is (under the reference's rules one slow call can zero a utility).
 * Timeout-tier solutions never finish at all, so they time out under any limit.
 */
const UNHURRIED = 20;

function keyOf(instance: GeneratedInstance): string {
  return JSON.stringify(instance.args);
}

/** The checks every built-in task must pass (run through the test-only direct runner). */
export function describeTaskContract(task: TaskDefinition, spec: TaskContractSpec): void {
  describe(`task ${task.id}: definition`, () => {
    it('is a complete built-in definition', () => {
      expect(task.builtin).toBe(true);
      expect(task.trainSeed).not.toBe(task.testSeed);
      expect(task.failureValue).toBeGreaterThanOrEqual(task.scoring?.floor ?? 0);
      expect(task.timeoutMsPerInstance).toBeGreaterThan(0);
      for (const hasNumpy of [true, false]) {
        const shown = renderDescription(task.description, { hasNumpy });
        expect(shown).not.toMatch(/\{\{|\}\}/);
        expect(shown).toContain(hasNumpy ? 'standard library and numpy are available' : 'numpy is not installed');
        if (task.argumentTypes?.some((type) => type !== 'value')) expect(shown.includes('numpy array')).toBe(hasNumpy);
        for (const marker of task.promptMarkers) expect(shown).toContain(marker);
      }
      const tiers = new Set(task.solutionBank.map((solution) => solution.tier));
      for (const tier of ['broken', 'timeout', 'poor', 'fair', 'best'] as const) expect(tiers).toContain(tier);
      expect(new Set(task.solutionBank.map((solution) => solution.name)).size).toBe(task.solutionBank.length);
    });
  });

  describe(`task ${task.id}: judge`, () => {
    let train: GeneratedInstance[];
    let test: GeneratedInstance[];
    beforeAll(async () => {
      [train, test] = await Promise.all([
        generateInstances(task.judgeCode, task.trainSeed, task.trainInstances),
        generateInstances(task.judgeCode, task.testSeed, task.testInstances),
      ]);
    });

    it('generates the same instances for a seed, and disjoint training and test sets', async () => {
      expect(train).toHaveLength(task.trainInstances);
      expect(test).toHaveLength(task.testInstances);
      const again = await generateInstances(task.judgeCode, task.trainSeed, task.trainInstances);
      expect(again).toEqual(train);
      const trainKeys = new Set(train.map(keyOf));
      expect(test.filter((instance) => trainKeys.has(keyOf(instance)))).toEqual([]);
    });

    it('scores malformed outputs 0 and valid outputs within [0, 1]', async () => {
      const indices = [0, 1, 2].filter((index) => index < train.length);
      const labelled: { label: string; index: number; json: string }[] = [];
      for (const index of indices) {
        const instance = train[index]!;
        labelled.push({ label: 'valid', index, json: spec.validOutput(instance) });
        for (const [label, json] of Object.entries(spec.malformedOutputs(instance))) labelled.push({ label, index, json });
      }
      const scores = await scoreOutputs(
        task,
        Math.max(...indices) + 1,
        `[${labelled.map((item) => `[${item.index}, ${item.json}]`).join(',')}]`,
      );
      const byLabel = labelled.map((item, position) => ({ label: item.label, index: item.index, score: scores[position] }));
      for (const entry of byLabel.filter((item) => item.label === 'valid')) {
        expect(entry.score, `${entry.label} on instance ${entry.index}`).toBeGreaterThanOrEqual(0);
        expect(entry.score, `${entry.label} on instance ${entry.index}`).toBeLessThanOrEqual(1);
      }
      // Malformed: 0 for the instance, or the reference's exception (which the task's rules may make fatal).
      expect(byLabel.filter((entry) => entry.label !== 'valid' && entry.score !== 0 && entry.score !== REFERENCE_RAISES)).toEqual([]);
    });
  });

  describe(`task ${task.id}: seed and solution bank`, () => {
    const bankInstances = spec.bankInstances ?? task.trainInstances;
    let results: Map<string, Evaluation>;
    let seed: Evaluation;
    beforeAll(async () => {
      const finishing = task.solutionBank.filter((solution) => solution.tier !== 'timeout');
      const endless = task.solutionBank.filter((solution) => solution.tier === 'timeout');
      const unhurried = { timeoutMs: task.timeoutMsPerInstance * UNHURRIED };
      const [[seedResult, ...finished], timedOut] = await Promise.all([
        evaluateSolutions(task, [{ code: task.seedSolution }, ...finishing.map((solution) => ({ code: solution.code, count: bankInstances }))], unhurried),
        // A solution that is meant to time out costs a full timeout per instance: two are enough.
        evaluateSolutions(task, endless.map((solution) => ({ code: solution.code, count: 2 }))),
      ]);
      seed = seedResult!;
      results = new Map([
        ...finishing.map((solution, index) => [solution.name, finished[index]!] as const),
        ...endless.map((solution, index) => [solution.name, timedOut[index]!] as const),
      ]);
    }, 120_000);

    it('gives the seed solution the naive score', () => {
      expect(seed.failures.filter(Boolean)).toEqual([]);
      expect(seed.utility).toBeGreaterThanOrEqual(spec.seedRange[0]);
      expect(seed.utility).toBeLessThanOrEqual(spec.seedRange[1]);
    });

    it('gives the known-good solution a score close to 1', () => {
      const good = results.get(spec.knownGood.name);
      expect(good, spec.knownGood.name).toBeDefined();
      expect(good!.failures.filter(Boolean)).toEqual([]);
      expect(good!.utility).toBeGreaterThanOrEqual(spec.knownGood.atLeast);
    });

    it('spans clearly different qualities in tier order', () => {
      const summary = task.solutionBank.map((solution) => ({ ...solution, result: results.get(solution.name)! }));
      for (const entry of summary) {
        expect(entry.result.utility).toBeGreaterThanOrEqual(0);
        expect(entry.result.utility).toBeLessThanOrEqual(1);
        // Broken solutions score nothing above the task's floor (the reference's max(score, eps)).
        // Broken: the floor, or the value of the reference's exception where the rules make it fatal.
        if (entry.tier === 'broken') expect([task.scoring?.floor ?? 0, task.scoring?.fatalValue ?? 0], entry.name).toContain(entry.result.utility);
        if (entry.tier === 'timeout') expect(entry.result.failures, entry.name).toContain('timeout');
      }
      const ranked = summary.filter((entry) => TIER_RANK[entry.tier] > 0);
      for (const lower of ranked) {
        for (const higher of ranked) {
          if (TIER_RANK[higher.tier] > TIER_RANK[lower.tier]) {
            expect(higher.result.utility + TIER_SLACK, `${higher.name} (${higher.tier}) vs ${lower.name} (${lower.tier})`).toBeGreaterThanOrEqual(
              lower.result.utility,
            );
          }
        }
      }
      const best = Math.max(...ranked.filter((entry) => entry.tier === 'best').map((entry) => entry.result.utility));
      const poor = Math.max(...ranked.filter((entry) => entry.tier === 'poor').map((entry) => entry.result.utility));
      expect(best - poor).toBeGreaterThan(0.3);
      for (const entry of summary.filter((item) => item.tier === 'timeout')) expect(entry.result.utility).toBeLessThan(best);
    });
  });
}

import 'server-only';
import { contentHash } from '@/db/ids';
import { insertCandidate, upsertImprover } from '@/db/queries/improvers';
import { OVERSIZED_IMPROVER_ERROR, isOversizedImprover, truncatedImprover } from './improver-size';
import { mean, standardError } from '@/lib/analysis/statistics';
import type { AdoptionGate } from '@/lib/runs/config';
import type { TaskDefinition } from '@/lib/tasks/types';
import { describeImprover } from './improver-profile';
import { markStep, memoStep, runEach, throwIfCancelled, type EngineContext } from './context';
import { emitInvocationEvents, invokeImprover, SELF_IMPROVEMENT_TIMEOUT_MS, type TracedUtilityHost } from './invoke';
import { metaUtilityDescription } from './meta-description';
import { measureFreshTestMetaUtility, measureMetaUtility, measureTestMetaUtility } from './meta-utility';
import { hashUnit } from './random';
import { selfImprovementStepKey } from './step-keys';

export interface StopOptions {
  task: TaskDefinition;
  seedImprover: string;
  iterations: number;
  repeats: number;
  copies: number;
  adoption: AdoptionGate;
}

export interface IterationSummary {
  iteration: number;
  train_meta_utility_mean: number;
  /** Test meta-utility of the adopted improver on fresh copies (independent of its selection): Figure 4's point. */
  test_meta_utility_mean: number;
  test_standard_error: number;
  /** Test meta-utility of the same copies whose training utility selected the improver (biased upward). */
  search_test_meta_utility_mean: number | null;
  search_test_standard_error: number | null;
  /** search − fresh: the winner's curse of measuring on the selecting copies. */
  selection_bias: number | null;
  /** Per repeat: whether the candidate of this iteration was adopted (iteration 0: the seed, true). */
  adopted: boolean[];
}

export interface StopResult {
  iterations: IterationSummary[];
}

interface RepeatPoint {
  iteration: number;
  train: number;
  test: number;
  searchTest: number | null;
  adopted: boolean;
}

/** Whether a candidate improver replaces its parent. */
export function adopts(gate: AdoptionGate, candidate: number, parent: number): boolean {
  if (gate === 'any-nonzero') return candidate > 0;
  if (gate === 'no-worse') return candidate >= parent;
  return true;
}

interface RecordedImprover {
  id: number;
  train: number;
  trainSe: number;
  /** Fresh copies' test meta-utility (what is stored as the improver's test meta-utility). */
  test: number;
  testSe: number;
  /** The selecting copies' test meta-utility (absent in records written before it was kept). */
  searchTest?: number;
  searchTestSe?: number;
  strategyTags: string[];
  /** Whether any copy returned a solution (absent in records stored before it existed: assumed). */
  scorable?: boolean;
  /** The first copy's error when none returned a solution. */
  failure?: string | null;
}

/** Thrown when the seed improver returns no solution on any copy: no iteration could score anything. */
export class SeedUnscorableError extends Error {
  override name = 'SeedUnscorableError';
  readonly code = 'seed_unscorable';
  constructor(reason: string | null) {
    super(`the seed improver never produced a scorable result${reason ? ` (${reason})` : ''}`);
  }
}

function copyFailure(copies: readonly { error: { code: string; message: string } | null }[]): string | null {
  const error = copies.find((copy) => copy.error)?.error;
  return error ? `${error.code}: ${error.message.slice(0, 200)}` : null;
}

/**
 * Measures and records the improver of (repeat, iteration), once: a resumed run finds the stored
 * record and neither measures nor announces it again.
 */
async function recordImprover(
  ctx: EngineContext,
  options: StopOptions,
  slot: { repeat: number; iteration: number; parentId: number | null; adopted: boolean },
  code: string,
): Promise<RecordedImprover> {
  const scope = { repeat: slot.repeat, iteration: slot.iteration };
  const { value, cached } = await memoStep(ctx, `r${slot.repeat}/t${slot.iteration}/record`, async () => {
    const train = await measureMetaUtility(ctx, code, options.task, options.copies, scope);
    const [searchTest, test] = await Promise.all([
      measureTestMetaUtility(ctx, train, options.task),
      measureFreshTestMetaUtility(ctx, code, options.task, options.copies, scope),
    ]);
    const profile = describeImprover(code);
    const row = await upsertImprover(
      {
        runId: ctx.runId,
        repeat: slot.repeat,
        iteration: slot.iteration,
        parentId: slot.parentId,
        code,
        codeHash: contentHash(code),
        trainMetaUtility: train.mean,
        testMetaUtility: test.mean,
        testStandardError: test.standardError,
        adopted: slot.adopted,
        strategyTags: profile.strategyTags,
        findings: profile.findings,
      },
      ctx.db,
    );
    return {
      id: row.id,
      train: train.mean,
      trainSe: train.standardError,
      test: test.mean,
      testSe: test.standardError,
      searchTest: searchTest.mean,
      searchTestSe: searchTest.standardError,
      strategyTags: profile.strategyTags,
      scorable: train.copies.some((copy) => copy.solution !== null),
      failure: copyFailure(train.copies),
    } satisfies RecordedImprover;
  });
  if (!cached) {
    ctx.events.emit({
      type: 'improver.recorded',
      payload: {
        repeat: slot.repeat,
        iteration: slot.iteration,
        improver_id: value.id,
        adopted: slot.adopted,
        train_meta_utility: value.train,
        strategy_tags: value.strategyTags,
      },
    });
    const measured: ['train' | 'test' | 'search-test', number, number][] = [
      ['train', value.train, value.trainSe],
      ['test', value.test, value.testSe],
    ];
    if (value.searchTest !== undefined) measured.push(['search-test', value.searchTest, value.searchTestSe ?? 0]);
    for (const [set, mean, standardError] of measured) {
      ctx.events.emit({
        type: 'meta_utility.measured',
        payload: { repeat: slot.repeat, iteration: slot.iteration, set, mean, standard_error: standardError, copies: options.copies },
      });
    }
  }
  return value;
}

/**
 * û as the improver sees it when improving itself: each candidate improver it proposes is measured over
 * the training copies (or, with the 'random' gate — selection disabled — given a random score).
 */
function metaUtilityHost(ctx: EngineContext, options: StopOptions, repeat: number, iteration: number): TracedUtilityHost {
  return {
    description: metaUtilityDescription(ctx.budgets, options.copies, ctx.copyFailure),
    budget: ctx.budgets.metaUtilityCalls,
    evaluate: async (candidateCode) => {
      throwIfCancelled(ctx);
      const hash = contentHash(candidateCode);
      const oversized = isOversizedImprover(candidateCode);
      const score = oversized
        ? 0
        : options.adoption === 'random'
          ? hashUnit(ctx.seed, repeat, iteration, hash)
          : (await measureMetaUtility(ctx, candidateCode, options.task, options.copies, { repeat, iteration })).mean;
      const { candidate, created } = await insertCandidate(
        {
          runId: ctx.runId,
          stepKey: `r${repeat}/t${iteration}/cand/${hash}`,
          repeat,
          iteration,
          role: 'improver',
          code: truncatedImprover(candidateCode),
          codeHash: hash,
          utility: options.adoption === 'random' && !oversized ? null : score,
        },
        ctx.db,
      );
      if (created) {
        ctx.events.emit({
          type: 'candidate.scored',
          payload: {
            repeat,
            iteration,
            candidate_id: candidate.id,
            role: 'improver',
            utility: candidate.utility,
            error: oversized ? OVERSIZED_IMPROVER_ERROR : null,
          },
        });
      }
      return { utility: score, cached: !created };
    },
  };
}

/** One independent repeat of Algorithm 1: I_t = I_{t-1}(û, I_{t-1}, L) for t = 1..T. */
async function runRepeat(ctx: EngineContext, options: StopOptions, repeat: number): Promise<RepeatPoint[]> {
  const seed = await recordImprover(ctx, options, { repeat, iteration: 0, parentId: null, adopted: true }, options.seedImprover);
  if (seed.scorable === false) throw new SeedUnscorableError(seed.failure ?? null);
  const points: RepeatPoint[] = [{ iteration: 0, train: seed.train, test: seed.test, searchTest: seed.searchTest ?? null, adopted: true }];
  let current = { code: options.seedImprover, id: seed.id, train: seed.train };
  for (let iteration = 1; iteration <= options.iterations; iteration += 1) {
    throwIfCancelled(ctx);
    if (await markStep(ctx, `r${repeat}/t${iteration}/started`)) {
      ctx.events.emit({ type: 'iteration.started', payload: { repeat, iteration } });
    }
    const stepKey = selfImprovementStepKey(repeat, iteration);
    const { value: improvement, cached } = await memoStep(ctx, stepKey, () =>
      invokeImprover(ctx, {
        improverCode: current.code,
        initialSolution: current.code,
        utility: metaUtilityHost(ctx, options, repeat, iteration),
        stepKey,
        timeoutMs: SELF_IMPROVEMENT_TIMEOUT_MS,
      }),
    );
    if (!cached) emitInvocationEvents(ctx, improvement, { repeat, iteration, stepKey });
    let adopted = false;
    if (improvement.solution !== null && !isOversizedImprover(improvement.solution)) {
      const candidateTrain =
        options.adoption === 'random'
          ? 0
          : (await measureMetaUtility(ctx, improvement.solution, options.task, options.copies, { repeat, iteration })).mean;
      adopted = adopts(options.adoption, candidateTrain, current.train);
    }
    const nextCode = adopted && improvement.solution !== null ? improvement.solution : current.code;
    const recorded = await recordImprover(
      ctx,
      options,
      { repeat, iteration, parentId: current.id, adopted },
      nextCode,
    );
    points.push({ iteration, train: recorded.train, test: recorded.test, searchTest: recorded.searchTest ?? null, adopted });
    current = { code: nextCode, id: recorded.id, train: recorded.train };
  }
  return points;
}

/** STOP with R independent repeats (in parallel); per iteration: mean and standard error over repeats. */
export async function runStop(ctx: EngineContext, options: StopOptions): Promise<StopResult> {
  const perRepeat = await runEach(ctx, options.repeats, (repeat) => runRepeat(ctx, options, repeat));
  const iterations: IterationSummary[] = [];
  for (let iteration = 0; iteration <= options.iterations; iteration += 1) {
    const points = perRepeat.map((points) => points[iteration]!);
    const tests = points.map((point) => point.test);
    const searchTests = points.flatMap((point) => (point.searchTest === null ? [] : [point.searchTest]));
    const searchKnown = searchTests.length === points.length;
    const testMean = mean(tests);
    const searchMean = searchKnown ? mean(searchTests) : null;
    iterations.push({
      iteration,
      train_meta_utility_mean: mean(points.map((point) => point.train)),
      test_meta_utility_mean: testMean,
      test_standard_error: standardError(tests),
      search_test_meta_utility_mean: searchMean,
      search_test_standard_error: searchKnown ? standardError(searchTests) : null,
      selection_bias: searchMean === null ? null : searchMean - testMean,
      adopted: points.map((point) => point.adopted),
    });
  }
  return { iterations };
}

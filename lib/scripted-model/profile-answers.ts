import type { TaskDefinition } from '@/lib/tasks/types';
import { quotedProgram } from './recognise';
import { improverBank, weakImprovers, type BankImprover } from './improver-bank';
import { readLpnGenes, lpnProgram, TOP_RUNG, type LpnGenes } from './lpn-programs';
import type { SkillProfile } from './profiles';
import { pick, weightedIndex } from './random';
import { entriesNearRank, sampleRank, tierRank } from './sampling';
import { varyImprover, varySolution, tinkerImprover } from './variation';

export interface Proposal {
  idea: string;
  code: string;
}

/** Tasks whose solutions are parity learners, written by the program generator. */
const PARITY_TASKS = new Set(['lpn', 'parity']);


/** The profile's step weights from a program of `rung`, upward steps scaled by its `climb` factor. */
export function stepWeights(profile: SkillProfile, rung: number): number[] {
  const factor = profile.climb?.[Math.max(0, Math.min(rung, profile.climb.length - 1))] ?? 1;
  const lost = profile.solutionSteps.reduce((sum, [delta, weight]) => sum + (delta > 0 ? weight * (1 - factor) : 0), 0);
  return profile.solutionSteps.map(([delta, weight]) => (delta > 0 ? weight * factor : delta === 0 ? weight + lost : weight));
}

function nextParityGenes(profile: SkillProfile, current: LpnGenes, random: () => number): LpnGenes {
  const roll = random();
  if (roll < profile.ambitious) return { kind: 'ambitious', rung: 0, stopAt: null, skip: 'none' };
  if (roll < profile.ambitious + profile.crashing) return { kind: 'crashing', rung: 0, stopAt: null, skip: 'none' };
  const step = profile.solutionSteps[weightedIndex(stepWeights(profile, current.rung), random)]?.[0] ?? 0;
  const rung = Math.min(TOP_RUNG, Math.max(0, current.rung + step));
  if (rung === 0) return { kind: 'baseline', rung: 0, stopAt: null, skip: 'none' };
  const stopAt =
    random() < profile.looseStop ? 38 + Math.floor(random() * 8) : random() < 0.3 ? 8 + Math.floor(random() * 5) : null;
  const skip = random() < profile.offByOne ? (random() < 0.5 ? 'first' : 'last') : 'none';
  const kind = rung >= 3 && random() < 0.3 ? 'elimination' : 'search';
  return { kind, rung, stopAt: kind === 'search' ? stopAt : null, skip: kind === 'search' ? skip : 'none' };
}

/**
 * The program with its randomness pinned "for reproducibility", as models often write it: a seed
 * constant set on entry (harmless for deterministic programs, and it makes each answer its own).
 */
function seeded(code: string, random: () => number): string {
  const seed = Math.floor(random() * 100_000);
  const withEntry = code.replace(/^(def algorithm\([^)]*\):\n(?: {4}"""[^\n]*"""\n)?)/m, (head: string) => `${head}    random.seed(RANDOM_SEED)\n`);
  if (withEntry === code) return code;
  const constant = `RANDOM_SEED = ${seed}\n`;
  return /^import random$/m.test(withEntry)
    ? withEntry.replace(/^import random\n/m, `import random\n\n${constant}`)
    : `import random\n\n${constant}\n${withEntry}`;
}

/** A task solution: parity tasks from the program generator, others from the bank, varied. */
export function proposeSolution(
  profile: SkillProfile,
  task: TaskDefinition,
  message: string,
  temperature: number,
  random: () => number,
): Proposal {
  if (PARITY_TASKS.has(task.id)) {
    const quoted = quotedProgram(message, 'def ');
    const current = quoted ? readLpnGenes(quoted) : readLpnGenes('');
    const program = lpnProgram(nextParityGenes(profile, current, random), random);
    return { idea: program.idea, code: varySolution(seeded(program.code, random), random) };
  }
  const quoted = quotedProgram(message, 'def ') ?? '';
  if (task.solutionBank.length === 0)
    return { idea: 'The existing code is sound; I kept its logic and tidied it.', code: varySolution(quoted || task.seedSolution, random) };
  const bank = task.solutionBank.map((solution) => ({ ...solution, rank: tierRank(solution.tier) }));
  const current = Math.max(1, ...bank.filter((entry) => entry.rank > 0 && quoted.includes(entry.idea.slice(0, 40))).map((entry) => entry.rank));
  const bias = profile.improverStyle === 'climbs' ? 0 : profile.improverStyle === 'tinkers' ? -0.5 : -1;
  const rank = sampleRank(Math.max(1, current + bias), temperature, random, () => profile.ambitious + profile.crashing);
  const chosen = pick(entriesNearRank(bank, rank), random);
  return { idea: chosen.idea, code: varySolution(chosen.code, random) };
}

/** The rank of the best bank improver the prompt quotes (by its docstring), 1 when none is recognised. */
function quotedImproverRank(prompt: string): number {
  const ranks = improverBank()
    .filter((entry) => entry.rank > 0 && prompt.includes(docstring(entry.code)))
    .map((entry) => entry.rank);
  return ranks.length > 0 ? Math.max(...ranks) : 1;
}

function docstring(code: string): string {
  return /"""([^"]*)"""/.exec(code)?.[1] ?? '\u0000';
}

function fromBank(entries: readonly BankImprover[], random: () => number): Proposal {
  const chosen = pick(entries, random);
  return { idea: chosen.idea, code: varyImprover(chosen.code, random) };
}

/** An improver: climbs the bank (strong), damages it (weak), or edits the quoted one a little (timid). */
export function proposeImprover(
  profile: SkillProfile,
  message: string,
  temperature: number,
  random: () => number,
): Proposal {
  const bank = improverBank();
  const failures = bank.filter((entry) => entry.rank === 0);
  switch (profile.improverStyle) {
    case 'climbs': {
      const rank = sampleRank(quotedImproverRank(message), temperature, random, (t) => Math.min(0.3, 0.06 + 0.05 * t));
      return fromBank(entriesNearRank(bank, rank), random);
    }
    case 'damages': {
      if (random() < 0.12) return fromBank(failures, random);
      return fromBank(weakImprovers(), random);
    }
    case 'tinkers': {
      const quoted = quotedProgram(message, 'def improve_algorithm');
      if (!quoted || random() < 0.05) return fromBank(failures, random);
      return tinkerImprover(quoted, random);
    }
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The improver programs the engine and the app read by name (docs/architecture.md, "Where to change what").
 * Each file is read when asked for, so that an edit shows up without a rebuild.
 */
export const PROGRAMS = {
  /** The project's seed improver (Figure 2's idea in our wording): the default of the CLI and the bench. */
  seed: 'lib/stop/seeds/seed_improver.py',
  /** The paper's seed improver (the reference implementation's, MIT): the seed of the presets that reproduce a figure. */
  'paper-seed': 'lib/stop/seeds/paper_seed_improver.py',
  /** The seed in the older API form (`improve_algorithm(initial_solution, utility_str, utility)`). */
  'seed-legacy': 'lib/stop/seeds/seed_improver_legacy.py',
  /** The sandbox study's seed: its utility call passes use_sandbox=True. */
  'sandbox-study-seed': 'lib/stop/seeds/sandbox_study_seed.py',
  /** §5.1 baselines. */
  'chain-of-thought': 'lib/stop/baselines/chain_of_thought.py',
  'greedy-iterative': 'lib/stop/baselines/greedy_iterative.py',
} as const;

export type ProgramName = keyof typeof PROGRAMS;

/** The program's file, relative to the project (for messages) and absolute (for reading). */
export function programPath(name: ProgramName): { relative: string; absolute: string } {
  return { relative: PROGRAMS[name], absolute: path.join(process.cwd(), PROGRAMS[name]) };
}

/** The program's source; throws with the file's project path when it cannot be read. */
export function readProgram(name: ProgramName): string {
  const { relative, absolute } = programPath(name);
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`the improver program ${name} could not be read from ${relative}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

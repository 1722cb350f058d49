import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every improver program the project ships lives under lib/improvers/ (docs/architecture.md, "Where to
 * change what"): seeds/, baselines/, paper/ (the reference's listings), scripted/ (the scripted model's
 * bank) and testing/ (fixtures). They are read only through `readProgram`, when asked for, so that an
 * edit shows up without a rebuild.
 */
const FOLDER = 'lib/improvers';

/** The programs the engine and the app read by name. */
export const PROGRAMS = {
  /** The project's seed improver (Figure 2's idea in our wording): the default of the CLI and the bench. */
  seed: 'seeds/seed_improver.py',
  /** The paper's seed improver (the reference implementation's, MIT): the seed of the presets that reproduce a figure. */
  'paper-seed': 'paper/reference_seed.py',
  /** The seed in the older API form (`improve_algorithm(initial_solution, utility_str, utility)`). */
  'seed-legacy': 'seeds/seed_improver_legacy.py',
  /** The sandbox study's seed: its utility call passes use_sandbox=True. */
  'sandbox-study-seed': 'seeds/sandbox_study_seed.py',
  /** §5.1 baselines. */
  'chain-of-thought': 'baselines/chain_of_thought.py',
  'greedy-iterative': 'baselines/greedy_iterative.py',
} as const;

export type ProgramName = keyof typeof PROGRAMS;

/** The subfolders of lib/improvers/. */
export const PROGRAM_FOLDERS = ['seeds', 'baselines', 'paper', 'scripted', 'testing'] as const;

/** A program by file: `<subfolder>/<file>` under lib/improvers/ (the scripted bank, test fixtures). */
export type ProgramFile = `${(typeof PROGRAM_FOLDERS)[number]}/${string}`;

/** The program's file, relative to the project (for messages) and absolute (for reading). */
function programPath(program: ProgramName | ProgramFile): { relative: string; absolute: string } {
  const inFolder: string = Object.hasOwn(PROGRAMS, program) ? PROGRAMS[program as ProgramName] : program;
  const relative = `${FOLDER}/${inFolder}`;
  return { relative, absolute: path.join(process.cwd(), relative) };
}

/** The program's source; throws with the file's project path when it cannot be read. */
export function readProgram(program: ProgramName | ProgramFile): string {
  const { relative, absolute } = programPath(program);
  try {
    // The path is built at run time from the working directory: without the annotation the build's file
    // tracer cannot bound it and traces the whole project.
    return readFileSync(/* turbopackIgnore: true */ absolute, 'utf8');
  } catch (error) {
    throw new Error(`the improver program ${program} could not be read from ${relative}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import { renderDescription, type SandboxLibraries } from './description';
import type { TaskDefinition } from './types';

const GENERATE = /^def generate\(seed, count\):\n(?:(?:[ \t]+[^\n]*|[ \t]*)\n)*/m;
const HIDDEN_GENERATION = 'def generate(seed, count):\n    ...  # hidden: the instances are generated outside your program, from a secret seed\n\n\n';

/** Python comment lines carrying `text`. */
function commented(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line.trim() ? `# ${line}` : '#'))
    .join('\n');
}

/**
 * utility.str of a built-in task in the reference's form (its tasks/<task>/utility.py): Python source
 * the model can read. The task's description opens it as comments; then the judge's own scoring code
 * with its instance generation hidden; then `utility`, which shows how calls, failures and scores
 * combine. The secret parts (seeds, generated instances) stay out, as in the reference.
 */
export function utilitySource(
  task: Pick<TaskDefinition, 'description' | 'judgeCode' | 'entryPoint' | 'trainInstances' | 'timeoutMsPerInstance'>,
  libraries: SandboxLibraries,
): string {
  const judge = task.judgeCode.replace(GENERATE, HIDDEN_GENERATION).trimEnd();
  const seconds = task.timeoutMsPerInstance / 1000;
  return [
    commented(renderDescription(task.description, libraries)),
    '',
    judge,
    '',
    '',
    'def utility(algorithm_str: str) -> float:',
    `    """Loads \`${task.entryPoint}\` from algorithm_str and calls it on ${task.trainInstances} hidden instances`,
    `    (${seconds} s per call, each call in its own process); score() above scores each answer. Failures and`,
    '    the final combination follow the rules stated at the top of this file."""',
    `    ${task.entryPoint} = load(algorithm_str, "${task.entryPoint}")`,
    `    scores = [score(args, hidden, ${task.entryPoint}(*args)) for args, hidden in generate(SECRET_SEED, ${task.trainInstances})]`,
    '    return sum(scores) / len(scores)',
    '',
  ].join('\n');
}

import { pick } from './random';

/**
 * Edits that make each answer a new program, as a model's rewrite would be: comments, wording of the
 * prompts an improver sends, and the constants that tune a strategy (within ranges where it still works).
 */
const COMMENT_VERBS = ['Revised', 'Reworked', 'Tuned', 'Cleaned up', 'Refactored', 'Simplified', 'Restructured', 'Tidied'];
const COMMENT_OBJECTS = ['the main loop', 'candidate handling', 'the scoring step', 'input handling', 'the search', 'the bookkeeping'];
const COMMENT_REASONS = [
  'for clarity',
  'to avoid wasted work',
  'to make the budget use explicit',
  'so that edge cases are handled',
  'to keep the interface unchanged',
  'after reviewing the score function',
];

function headerComment(random: () => number): string {
  return `# ${pick(COMMENT_VERBS, random)} ${pick(COMMENT_OBJECTS, random)} ${pick(COMMENT_REASONS, random)}.`;
}

/** A bank solution with a fresh comment (its behaviour unchanged). */
export function varySolution(code: string, random: () => number): string {
  return `${headerComment(random)}\n${code}`;
}

const EXPERTISE = [
  'You are an expert computer science researcher and programmer, especially skilled at optimizing algorithms.',
  'You are a world-class algorithm engineer who writes correct, efficient Python.',
  'You are an experienced researcher in algorithms and optimisation, and a careful programmer.',
  'You are an expert programmer. You improve algorithms and always return complete, runnable code.',
];

const CLOSING_INSTRUCTIONS = [
  'First, propose an idea, then implement it.',
  'Explain your idea in one or two sentences, then give the complete implementation.',
  'Describe the improvement briefly, then write the full program in one python block.',
  'State the idea first; then implement it completely.',
];

/** Replaces `pattern`'s numeric group 1 with a value drawn from `values`. */
function retune(code: string, pattern: RegExp, values: readonly number[], random: () => number): string {
  return code.replace(pattern, (whole, current: string) => whole.replace(current, String(pick(values, random))));
}

/** A bank improver with reworded prompts, retuned constants and a fresh comment. */
export function varyImprover(code: string, random: () => number): string {
  let varied = code.replace(/expertise = "[^"]*"/, () => `expertise = "${pick(EXPERTISE, random)}"`);
  varied = varied.replace('First, propose an idea, then implement it.', () => pick(CLOSING_INSTRUCTIONS, random));
  varied = retune(varied, /temperature=(0\.[5-9])\)/g, [0.6, 0.7, 0.7, 0.8], random);
  varied = retune(varied, /beam_width = (\d+)/, [2, 3, 3, 4], random);
  return `${headerComment(random)}\n${varied}`;
}

const DOCSTRINGS = [
  'Improves a solution with the language model and keeps what scores best.',
  'Asks the model for better versions of the solution and returns the best one found.',
  'Improves the given solution according to the utility.',
];

/**
 * A small edit of the quoted improver (the timid profile): a new docstring, a reworded prompt, a comment,
 * or — now and then — one response fewer per call "to save budget", which slowly costs quality.
 */
export function tinkerImprover(quoted: string, random: () => number): { idea: string; code: string } {
  const roll = random();
  if (roll < 0.3) {
    return {
      idea: 'Document the function better; the behaviour stays the same.',
      code: quoted.replace(/"""[^"]*"""/, () => `"""${pick(DOCSTRINGS, random)}"""`),
    };
  }
  if (roll < 0.55) {
    return {
      idea: 'Reword the prompt slightly so the model is clearer about what to return.',
      code: quoted.replace(/(First, propose an idea, then implement it\.|Explain your idea[^\n"]*|Describe the improvement[^\n"]*|State the idea first[^\n"]*)/, () =>
        pick(CLOSING_INSTRUCTIONS, random),
      ),
    };
  }
  if (roll < 0.75) {
    return { idea: 'Add a short note on the design; no functional change.', code: `${headerComment(random)}\n${quoted}` };
  }
  const fewer = quoted.replace(/language_model\.max_responses_per_call(?![ -]*- 1)/, 'max(1, language_model.max_responses_per_call - 1)');
  return { idea: 'Use one response fewer per call to save budget for later rounds.', code: `${headerComment(random)}\n${fewer}` };
}

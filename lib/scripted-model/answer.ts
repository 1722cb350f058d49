import { pick } from './random';

const OPENERS = ['', 'Idea: ', 'Proposed improvement: ', 'Here is my approach. '];
const CLOSERS = [
  '',
  '\n\nThe interface is unchanged, so this is a drop-in replacement.',
  '\n\nThis should score better under the given utility.',
];

/** An answer shaped like a real model's: one idea sentence, then one fenced python block. */
export function formatAnswer(idea: string, code: string, random: () => number): string {
  return `${pick(OPENERS, random)}${idea}\n\n\`\`\`python\n${code.trimEnd()}\n\`\`\`${pick(CLOSERS, random)}`;
}

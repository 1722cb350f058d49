import { formatAnswer } from './answer';
import { IMPERFECT_KINDS, type ImperfectKind } from './profiles';
import { pick } from './random';

/** One sample as a real server would return it. */
export interface ScriptedAnswer {
  content: string;
  finishReason: 'stop' | 'length';
  /** Reasoning sent apart from the answer (`reasoning_content`), as reasoning models do. */
  reasoning: string | null;
  /** Which imperfection this answer has (null: a well-formed idea and code block). */
  imperfection: ImperfectKind | null;
}

/** Draws an imperfection with the given per-kind probabilities (null: none). */
export function drawImperfection(
  rates: Readonly<Record<ImperfectKind, number>>,
  random: () => number,
): ImperfectKind | null {
  let remaining = random();
  for (const kind of IMPERFECT_KINDS) {
    remaining -= rates[kind];
    if (remaining < 0) return kind;
  }
  return null;
}

const PROSE = [
  'I would keep the overall structure and change the core loop as described; the rest of the program can stay as it is.',
  'The main change is conceptual: restructure the search around this idea and keep the interface unchanged.',
  'Implementing this is straightforward once the idea is clear, so I describe it rather than write out the code.',
];
const REFUSALS = [
  "I'm sorry, but I can't help with rewriting this program.",
  'I cannot assist with this request.',
];
const THOUGHTS = [
  'Let me look at what the current program does and where it loses points.',
  'First, what does the score function reward? Then which part of the program limits it?',
];

/** The code with the colon of its first `def` line removed: a syntax error. */
function breakSyntax(code: string): string {
  return code.replace(/^(def \w+\([^)]*\)):/m, '$1');
}

/** The entry point's (else the first function's) last parameter dropped: a wrong signature. */
function dropParameter(code: string): string {
  const entry = /^def (algorithm|improve_algorithm)\(([^)]*)\)/m.test(code) ? /^def (algorithm|improve_algorithm)\(([^)]*)\)/m : /^def (\w+)\(([^)]*)\)/m;
  return code.replace(entry, (_whole, name: string, params: string) => {
    const kept = params.split(',').map((param) => param.trim()).filter(Boolean).slice(0, -1);
    return `def ${name}(${kept.join(', ')})`;
  });
}

/** A reasoning preamble that itself holds a fenced draft (shorter than the real program). */
function reasoningText(code: string, random: () => number): string {
  const draft = code.split('\n').slice(0, 3).join('\n');
  return `${pick(THOUGHTS, random)}\nA first draft:\n\`\`\`python\n${draft}\n\`\`\`\nThat is not complete; the full version follows.`;
}

/** The answer for (idea, code) with the given imperfection. */
export function renderAnswer(
  idea: string,
  code: string,
  imperfection: ImperfectKind | null,
  random: () => number,
): ScriptedAnswer {
  const answer = (content: string, finishReason: ScriptedAnswer['finishReason'] = 'stop', reasoning: string | null = null) => ({
    content,
    finishReason,
    reasoning,
    imperfection,
  });
  switch (imperfection) {
    case null:
      return answer(formatAnswer(idea, code, random));
    case 'prose':
      return answer(`${idea}\n\n${pick(PROSE, random)}`);
    case 'truncated': {
      const full = formatAnswer(idea, code, random);
      const fenceAt = full.indexOf('```python');
      const cut = fenceAt + Math.floor((full.length - fenceAt) * (0.3 + 0.5 * random()));
      return answer(full.slice(0, cut), 'length');
    }
    case 'syntax-error':
      return answer(formatAnswer(idea, breakSyntax(code), random));
    case 'wrong-signature':
      return answer(formatAnswer(idea, dropParameter(code), random));
    case 'refusal':
      return answer(pick(REFUSALS, random));
    case 'reasoning': {
      const thinking = reasoningText(code, random);
      return random() < 0.5
        ? answer(`<think>\n${thinking}\n</think>\n\n${formatAnswer(idea, code, random)}`)
        : answer(formatAnswer(idea, code, random), 'stop', thinking);
    }
  }
}

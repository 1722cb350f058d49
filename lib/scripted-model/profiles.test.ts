import { describe, expect, it } from 'vitest';
import { getBuiltinTask } from '@/lib/tasks/registry';
import { extractCode } from '@/lib/lm/extract-code';
import { separateAnswers } from '@/lib/lm/gateway-answers';
import { readLpnGenes } from './lpn-programs';
import { createScriptedModel } from './model';
import { stepWeights } from './profile-answers';
import { IMPERFECT_KINDS, SCRIPTED_PROFILE_NAMES, SKILL_PROFILES } from './profiles';
import { readProgram } from '@/lib/improvers/programs';

const lpn = getBuiltinTask('lpn')!;

function lpnPrompt(solution: string): string {
  return `Improve the following solution:\n\`\`\`python\n${solution}\n\`\`\`\n\nYou will be evaluated based on this score function:\n\`\`\`python\n${lpn.description}\n\`\`\`\n\nFirst, propose an idea, then implement it.`;
}

describe('scripted skill profiles', () => {
  it.each(SCRIPTED_PROFILE_NAMES)('%s writes a new program almost every time and is deterministic per seed', (profile) => {
    const model = createScriptedModel({ seed: 3, profile });
    const codes = Array.from({ length: 10 }, (_, call) =>
      model.complete({ system: 'expert', message: lpnPrompt(lpn.seedSolution), n: 6, temperature: 0.7, seed: call }),
    ).flatMap((completion) => completion.responses.map((response) => extractCode(response)).filter((code) => code !== null));
    expect(codes.length).toBeGreaterThan(40);
    expect(new Set(codes).size / codes.length).toBeGreaterThanOrEqual(0.9);
    const again = createScriptedModel({ seed: 3, profile }).complete({ system: 'expert', message: lpnPrompt(lpn.seedSolution), n: 6, temperature: 0.7, seed: 0 });
    expect(again.responses).toEqual(model.complete({ system: 'expert', message: lpnPrompt(lpn.seedSolution), n: 6, temperature: 0.7, seed: 0 }).responses);
    expect(model.name).toBe(profile);
  });

  it('strong proposes better programs than it is shown more often than weak does', () => {
    const shown = (profile: (typeof SCRIPTED_PROFILE_NAMES)[number], rung: number) => {
      const model = createScriptedModel({ seed: 1, profile });
      const quoted = `MAX_WEIGHT = ${rung}\n\ndef algorithm(train_samples, train_parity, test_samples):\n    return [0 for _ in test_samples]\n`;
      const { responses } = model.complete({ system: 'e', message: lpnPrompt(quoted), n: 300, temperature: 0.7 });
      const rungs = responses.map((response) => extractCode(response)).filter((code): code is string => code !== null).map((code) => readLpnGenes(code).rung);
      return rungs.filter((value) => value > rung).length / rungs.length;
    };
    expect(shown('scripted-strong', 2)).toBeGreaterThan(shown('scripted-weak', 2));
    expect(shown('scripted-timid', 2)).toBeLessThan(shown('scripted-strong', 2));
  });

  it('answers imperfectly at its rates: every kind appears, and each is separable from a good answer', () => {
    const model = createScriptedModel({ seed: 5, profile: 'scripted-weak' });
    const { answers } = model.complete({ system: 'e', message: lpnPrompt(lpn.seedSolution), n: 600, temperature: 0.7 });
    const kinds = new Set(answers.map((answer) => answer.imperfection));
    for (const kind of IMPERFECT_KINDS) expect(kinds).toContain(kind);
    for (const answer of answers) {
      const code = extractCode(answer.content);
      switch (answer.imperfection) {
        case 'prose':
        case 'refusal':
          expect(code).toBeNull();
          break;
        case 'truncated':
          expect(answer.finishReason).toBe('length');
          expect(code).toBeNull();
          break;
        case 'syntax-error':
          expect(code).toMatch(/^def \w+\([^)]*\)$/m);
          break;
        case 'wrong-signature':
          expect(code).toMatch(/^def algorithm\(train_samples, train_parity\)/m);
          break;
        case 'reasoning': {
          const seen = separateAnswers({ responses: [answer.content], reasoning: [answer.reasoning], promptTokens: 0, completionTokens: 0, retries: 0 });
          expect(seen.responses[0]).not.toMatch(/<think>/);
          expect(seen.meta?.reasoning?.[0]).toMatch(/```python/);
          expect(extractCode(seen.responses[0]!)).toMatch(/def algorithm/);
          break;
        }
        case null:
          expect(answer.finishReason).toBe('stop');
          expect(code).toMatch(/def algorithm\(train_samples, train_parity, test_samples\)/);
      }
    }
  });

  it('improves improvers by profile: strong climbs the bank, weak damages, timid edits the quoted one', () => {
    const seedImprover = 'from helpers import extract_code\n\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    """Improves a solution according to a utility function."""\n    return initial_solution\n';
    const message = `Improve the following improver (improve_algorithm):\n\`\`\`python\n${seedImprover}\n\`\`\``;
    const codes = (profile: (typeof SCRIPTED_PROFILE_NAMES)[number]) =>
      createScriptedModel({ seed: 2, profile, imperfect: Object.fromEntries(IMPERFECT_KINDS.map((kind) => [kind, 0])) })
        .complete({ system: 'e', message, n: 60, temperature: 0.7 })
        .responses.map((response) => extractCode(response) ?? '');
    expect(codes('scripted-strong').some((code) => /beam|annealing|bandit|genetic|greedy|temperature schedule/i.test(code))).toBe(true);
    expect(codes('scripted-weak').some((code) => /MAX_LINES|N_SAMPLES|perfect normalised score|first complete answer/.test(code))).toBe(true);
    const timid = codes('scripted-timid');
    expect(timid.filter((code) => code.includes('return initial_solution')).length).toBeGreaterThan(timid.length * 0.8);
  });
});

describe('diminishing returns (climb)', () => {
  it('better programs are harder to improve for scripted-strong; the weak and timid ones never improve a program more often', () => {
    const upwardWeight = (profile: (typeof SKILL_PROFILES)[keyof typeof SKILL_PROFILES], rung: number) =>
      stepWeights(profile, rung).reduce((sum, weight, index) => sum + ((profile.solutionSteps[index]?.[0] ?? 0) > 0 ? weight : 0), 0);
    const strong = SKILL_PROFILES['scripted-strong'];
    const up = (rung: number) => upwardWeight(strong, rung);
    expect(up(0)).toBeCloseTo(0.38);
    expect(up(1)).toBeLessThan(up(0));
    expect(up(3)).toBeLessThan(up(2));
    expect(up(5)).toBe(0);
    for (const rung of [0, 2, 4]) expect(stepWeights(strong, rung).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    // At every rung the strong profile improves a program at least as often as the weak and timid ones.
    for (const name of ['scripted-weak', 'scripted-timid'] as const) {
      for (let rung = 0; rung <= 5; rung += 1) expect(upwardWeight(SKILL_PROFILES[name], rung)).toBeLessThanOrEqual(up(rung));
    }
  });
});

describe('reading the quoted improver', () => {
  it('an improver whose prompt template holds fences is read whole (timid edits the whole program)', async () => {
    const { quotedProgram } = await import('./recognise');
    const { proposeImprover } = await import('./profile-answers');
    const { seededRandom } = await import('./random');
    const seed = readProgram('seed').replace(/\n$/, '');
    const prompt = `Here is the current solution:\n\`\`\`python\n${seed}\n\`\`\`\n\nCandidates are scored by this utility:\n\`\`\`text\nmeta-utility\n\`\`\`\n`;
    expect(quotedProgram(prompt, 'def improve_algorithm')).toBe(seed);
    // Apart from the occasional failure variant, each proposal is the whole seed improver with a small edit.
    let whole = 0;
    for (let index = 0; index < 40; index += 1) {
      const random = seededRandom('timid-test', index);
      const { code } = proposeImprover(SKILL_PROFILES['scripted-timid'], prompt, 0.7, random);
      if (code.includes('best_solution, best_score = initial_solution, None') && code.trimEnd().endsWith('return best_solution')) whole += 1;
    }
    expect(whole).toBeGreaterThanOrEqual(34);
  });
});

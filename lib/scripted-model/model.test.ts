import { describe, expect, it } from 'vitest';
import { BUILTIN_TASKS } from '@/lib/tasks/registry';
import type { TaskDefinition } from '@/lib/tasks/types';
import { extractCode } from '@/lib/lm/extract-code';
import { IMPROVER_BANK, improverBank } from './improver-bank';
import { createScriptedModel } from './model';

const solution = (name: string, tier: TaskDefinition['solutionBank'][number]['tier']) => ({
  name,
  idea: `Use the ${name} approach.`,
  code: `def algorithm(x):\n    # ${name}\n    return ${JSON.stringify(name)}\n`,
  tier,
});

const toyTask: TaskDefinition = {
  id: 'toy',
  name: 'Toy task',
  description: 'Toy task: return a string.',
  judgeCode: '',
  seedSolution: 'def algorithm(x):\n    return ""\n',
  entryPoint: 'algorithm',
  trainInstances: 1,
  testInstances: 1,
  trainSeed: 1,
  testSeed: 2,
  timeoutMsPerInstance: 100,
  failureValue: 0,
  builtin: false,
  promptMarkers: ['toy task'],
  solutionBank: [
    solution('crash', 'broken'),
    solution('slow', 'timeout'),
    solution('naive', 'poor'),
    solution('decent', 'fair'),
    solution('strong', 'good'),
    solution('optimal', 'best'),
  ],
};
const RANK: Record<string, number> = { crash: 0, slow: 0, naive: 1, decent: 2, strong: 3, optimal: 4 };

function taskPrompt(code: string): string {
  return `Improve the following solution:\n\`\`\`python\n${code}\n\`\`\`\nYou will be evaluated based on this score function:\n\`\`\`python\nToy task: return a string.\n\`\`\`\n`;
}

function sampledNames(
  model: ReturnType<typeof createScriptedModel>,
  message: string,
  temperature: number,
  n = 400,
): string[] {
  const { responses } = model.complete({ system: 'expert', message, n, temperature });
  return responses.map((response) => /# (\w+)/.exec(extractCode(response) ?? '')?.[1] ?? '?');
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('scripted model', () => {
  const model = createScriptedModel({ seed: 7, tasks: [toyTask] });

  it('is deterministic for (seed, request, sample index)', () => {
    const request = { system: 'expert', message: taskPrompt(toyTask.seedSolution), n: 6, temperature: 0.7 };
    const first = model.complete(request).responses;
    expect(createScriptedModel({ seed: 7, tasks: [toyTask] }).complete(request).responses).toEqual(first);
    // Sample i does not depend on how many samples were asked for.
    expect(model.complete({ ...request, n: 3 }).responses).toEqual(first.slice(0, 3));
    const otherSeed = createScriptedModel({ seed: 8, tasks: [toyTask] }).complete(request).responses;
    const otherRequestSeed = model.complete({ ...request, seed: 99 }).responses;
    expect(otherSeed).not.toEqual(first);
    expect(otherRequestSeed).not.toEqual(first);
  });

  it('answers like a real model: an idea sentence, then one fenced python block', () => {
    for (const message of [
      taskPrompt(toyTask.seedSolution),
      'def improve_algorithm(): pass',
      'What is 2 + 2?',
    ]) {
      for (const response of model.complete({ system: 's', message, n: 8, temperature: 1 }).responses) {
        const [idea] = response.split('\n');
        expect(idea?.length).toBeGreaterThan(10);
        // One outermost block (improver programs nest fenced blocks inside their prompt strings).
        const lines = response.split('\n');
        const open = lines.indexOf('```python');
        const close = lines.lastIndexOf('```');
        expect(open).toBeGreaterThan(0);
        expect(extractCode(response)).toBe(lines.slice(open + 1, close).join('\n'));
        expect(extractCode(response)?.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('recognises improver prompts, task prompts and anything else', () => {
    expect(
      model.complete({ system: 's', message: 'improve_algorithm please', n: 1, temperature: 0.7 }).kind,
    ).toBe('improver');
    const task = model.complete({ system: 's', message: taskPrompt('x = 1'), n: 1, temperature: 0.7 });
    expect([task.kind, task.taskId]).toEqual(['task', 'toy']);
    expect(model.complete({ system: 's', message: 'hello', n: 1, temperature: 0.7 }).kind).toBe('other');
    const builtin = createScriptedModel({ tasks: BUILTIN_TASKS });
    for (const builtinTask of BUILTIN_TASKS) {
      const result = builtin.complete({
        system: 's',
        message: taskPrompt(builtinTask.seedSolution).replace(
          'Toy task: return a string.',
          builtinTask.description,
        ),
        n: 1,
        temperature: 0.7,
      });
      expect(result.taskId).toBe(builtinTask.id);
    }
  });

  it('proposes an improvement over the solution the prompt shows', () => {
    const fromNaive = sampledNames(model, taskPrompt(toyTask.solutionBank[2]!.code), 0.7).map(
      (name) => RANK[name] ?? -1,
    );
    const fromStrong = sampledNames(model, taskPrompt(toyTask.solutionBank[4]!.code), 0.7).map(
      (name) => RANK[name] ?? -1,
    );
    expect(mean(fromStrong)).toBeGreaterThan(mean(fromNaive) + 0.7);
    // Shown tier k, the answer is tier k or better most of the time.
    expect(fromStrong.filter((rank) => rank >= 3).length / fromStrong.length).toBeGreaterThan(0.6);
    expect(fromNaive.filter((rank) => rank >= 1).length / fromNaive.length).toBeGreaterThan(0.8);
  });

  it('takes more risks when hotter', () => {
    const failures = (temperature: number) =>
      sampledNames(model, taskPrompt(toyTask.seedSolution), temperature, 1000).filter(
        (name) => RANK[name] === 0,
      ).length;
    const cold = failures(0);
    const hot = failures(1.5);
    expect(hot).toBeGreaterThan(cold * 3);
    const improverFailures = (temperature: number) =>
      model
        .complete({
          system: 's',
          message: 'def improve_algorithm(initial_solution, utility, language_model): ...',
          n: 1000,
          temperature,
        })
        .responses.filter((response) =>
          IMPROVER_BANK.some(
            (entry) =>
              entry.rank === 0 &&
              extractCode(response) ===
                improverBank()
                  .find((b) => b.file === entry.file)
                  ?.code.trimEnd(),
          ),
        ).length;
    expect(improverFailures(1.5)).toBeGreaterThan(improverFailures(0) * 3);
  });

  it('reports token usage of about a quarter of the characters', () => {
    const message = taskPrompt(toyTask.seedSolution);
    const result = model.complete({ system: 'expert', message, n: 2, temperature: 0.7 });
    expect(result.promptTokens).toBe(Math.ceil(`expert\n${message}`.length / 4));
    expect(result.completionTokens).toBe(
      result.responses.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
    );
  });

  it('echoes quoted code for prompts it does not recognise', () => {
    const response = model.complete({
      system: 's',
      message: 'Tidy this:\n```python\nprint(1)\n```\n',
      n: 1,
      temperature: 0.7,
    }).responses[0]!;
    expect(extractCode(response)).toBe('print(1)');
  });
});

describe('improver bank', () => {
  it('has at least 12 complete programs in the paper API form, with every strategy and failure', () => {
    const bank = improverBank();
    expect(bank.length).toBeGreaterThanOrEqual(12);
    for (const improver of bank) {
      expect(improver.code).toMatch(/^from helpers import extract_code$/m);
      expect(improver.code).toContain('def improve_algorithm(');
    }
    const good = bank.filter((improver) => improver.expected === 'returns-string');
    expect(good.length).toBeGreaterThanOrEqual(9);
    for (const improver of good) {
      expect(improver.code).toContain('def improve_algorithm(initial_solution, utility, language_model):');
      expect(improver.code).toContain('language_model.budget');
      expect(improver.code).toContain('language_model.max_responses_per_call');
      expect(improver.code).toContain('utility.budget');
    }
    expect(new Set(bank.map((improver) => improver.expected))).toEqual(
      new Set([
        'returns-string',
        'syntax-error',
        'bad-signature',
        'budget-exceeded',
        'disables-sandbox',
        'uses-exec',
      ]),
    );
    expect(bank.find((improver) => improver.expected === 'disables-sandbox')?.code).toContain(
      'use_sandbox=False',
    );
    expect(bank.find((improver) => improver.expected === 'uses-exec')?.code).toContain('exec(');
    expect(bank.find((improver) => improver.expected === 'budget-exceeded')?.code).toContain(
      'LanguageModel(budget=',
    );
  });
});

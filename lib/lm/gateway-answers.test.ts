import { describe, expect, test } from 'vitest';
import { separateAnswers } from './gateway-answers';
import { scriptedBackend } from '@/lib/scripted-model/backend';

const base = { promptTokens: 10, completionTokens: 20, retries: 0 };

describe('separateAnswers', () => {
  test('a plain answer carries nothing extra', () => {
    expect(separateAnswers({ ...base, responses: ['idea\n```python\nx = 1\n```'] })).toEqual({ responses: ['idea\n```python\nx = 1\n```'], meta: null });
  });

  test("the scripted model's deliberate imperfections are kept per answer and named for the run page", () => {
    const { meta } = separateAnswers({
      ...base,
      responses: ['just words', 'cut ```python\nx =', 'fine', 'more words'],
      finishReasons: ['stop', 'length', 'stop', 'stop'],
      scriptedImperfections: ['prose', 'truncated', null, 'prose'],
    });
    expect(meta?.scripted_imperfections).toEqual(['prose', 'truncated', null, 'prose']);
    expect(meta?.notes).toEqual([
      '1 answer cut at the token limit (finish_reason "length")',
      'scripted model: 2 answers given prose without a code block on purpose',
      'scripted model: 1 answer given code cut at the token limit on purpose',
    ]);
  });

  test('no imperfection: no label and no note', () => {
    const { meta } = separateAnswers({ ...base, responses: ['a', 'b'], scriptedImperfections: [null, null] });
    expect(meta).toBeNull();
  });
});

describe('through the gateway', () => {
  test("the in-process scripted model's imperfections reach the call's record and notes", async () => {
    const { createGateway } = await import('./gateway');
    const records: { meta: { scripted_imperfections?: (string | null)[]; notes?: string[] } | null }[] = [];
    const gateway = createGateway({
      choice: { provider: 'scripted', model: 'scripted-weak' },
      runId: 'none',
      recorder: null,
      seed: 1,
      scripted: (options) => scriptedBackend({ ...options, imperfect: { prose: 1 } }),
      onCall: (record) => void records.push(record),
    });
    const session = gateway.session({ stepKey: 'imperfect', budget: 1, maxResponsesPerCall: 3 });
    await session.prompt({ expertise: 'e', messages: ['Improve improve_algorithm', 'Improve improve_algorithm'], n: 1, temperature: 0.7 });
    expect(records[0]?.meta?.scripted_imperfections).toEqual(['prose', 'prose']);
    expect(records[0]?.meta?.notes).toContain('scripted model: 2 answers given prose without a code block on purpose');
  });
});

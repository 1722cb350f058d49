import { beforeAll, describe, expect, test, vi } from 'vitest';

let modelChoiceFrom: typeof import('./model-options').modelChoiceFrom;
let UsageError: typeof import('./command').UsageError;

beforeAll(async () => {
  // Read by lib/env.ts when it is first imported (each test file has its own modules).
  vi.stubEnv('STOP_LM_ENDPOINTS', 'local-llama=http://127.0.0.1:8080/v1');
  ({ modelChoiceFrom } = await import('./model-options'));
  ({ UsageError } = await import('./command'));
});

describe('--endpoint NAME', () => {
  test('a server the operator configured is used by name', () => {
    expect(modelChoiceFrom({ endpoint: 'local-llama', model: 'llama3' })).toEqual({
      provider: 'openai',
      model: 'llama3',
      endpoint: 'local-llama',
      baseUrl: 'http://127.0.0.1:8080/v1',
    });
  });

  test('an unknown name, an empty one, or a name with a URL is refused with a clear message', () => {
    expect(() => modelChoiceFrom({ endpoint: 'elsewhere' })).toThrow(/--endpoint: unknown model server "elsewhere": choose one the operator configured \(local-llama\)/);
    expect(() => modelChoiceFrom({ endpoint: '' })).toThrow(UsageError);
    expect(() => modelChoiceFrom({ endpoint: 'local-llama', 'base-url': 'http://127.0.0.1:8080/v1' })).toThrow(/not both/);
    expect(() => modelChoiceFrom({ endpoint: 'local-llama', replay: 'run_x' })).toThrow(/cannot be combined/);
  });
});

import type { TaskDefinition } from '@/lib/tasks/types';
import { createScriptedModel } from '../scripted/model';
import type { ModelBackend } from './types';

/** The scripted model answered in process (no network, no cost). */
export function scriptedBackend(options: { seed?: number; tasks?: readonly TaskDefinition[] }): ModelBackend {
  const model = createScriptedModel(options);
  return {
    provider: 'scripted',
    model: model.name,
    async complete(request) {
      const completion = model.complete(request);
      return {
        responses: completion.responses,
        promptTokens: completion.promptTokens,
        completionTokens: completion.completionTokens,
        retries: 0,
      };
    },
  };
}

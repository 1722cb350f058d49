import type { TaskDefinition } from '@/lib/tasks/types';
import type { ModelBackend } from '@/lib/lm/backends/types';
import { createScriptedModel } from './model';
import { isScriptedProfile, type ImperfectKind } from './profiles';

/**
 * The scripted model answered in process (no network, no cost): the gateway's `scripted` backend
 * (a ScriptedBackendFactory; `tasks` and `imperfect` are for tests and robustness experiments).
 */
export function scriptedBackend(options: {
  seed?: number;
  tasks?: readonly TaskDefinition[];
  model?: string;
  imperfect?: Partial<Record<ImperfectKind, number>>;
}): ModelBackend {
  const model = createScriptedModel({
    seed: options.seed,
    tasks: options.tasks,
    profile: options.model && isScriptedProfile(options.model) ? options.model : undefined,
    imperfect: options.imperfect,
  });
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
        reasoning: completion.answers.map((answer) => answer.reasoning),
        finishReasons: completion.answers.map((answer) => answer.finishReason),
        scriptedImperfections: completion.answers.map((answer) => answer.imperfection),
      };
    },
  };
}

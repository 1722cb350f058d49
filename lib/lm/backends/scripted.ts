import type { TaskDefinition } from '@/lib/tasks/types';
import { createScriptedModel } from '@/lib/scripted-model/model';
import { isScriptedProfile, type ImperfectKind, type ScriptedModelName } from '@/lib/scripted-model/profiles';
import type { ModelBackend } from './types';

export type { ImperfectKind };

/**
 * The scripted model answered in process (no network, no cost). The one file of lib/lm that imports the
 * scripted model (lib/scripted-model), so that the gateway can offer it as a backend.
 */
export function scriptedBackend(options: {
  seed?: number;
  tasks?: readonly TaskDefinition[];
  model?: ScriptedModelName;
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

import { resolveEndpoint } from '@/lib/lm/endpoint-list';
import { configuredEndpoints } from '@/lib/lm/endpoints';
import { configuredProvider } from '@/lib/lm/provider';
import { SCRIPTED_MODEL_NAMES, type ScriptedModelName } from '@/lib/scripted-model/profiles';
import type { ModelChoice, SpendCap } from '@/lib/runs/config';
import type { OptionSpec, OptionValues } from './command';
import { optionalNumber, UsageError } from './command';

/** --max-cost and --max-tokens: a run's spend cap (also what `stop resume` raises). */
export const SPEND_OPTIONS: OptionSpec = { 'max-cost': { type: 'string' }, 'max-tokens': { type: 'string' } };

/** --model, --base-url and --replay: accepted by every command that calls a model. */
export const MODEL_OPTIONS: OptionSpec = {
  model: { type: 'string' },
  'base-url': { type: 'string' },
  endpoint: { type: 'string' },
  replay: { type: 'string' },
  temperature: { type: 'string' },
  seed: { type: 'string' },
  'improver-cpu-seconds': { type: 'string' },
  'improver-minutes': { type: 'string' },
  'api-mode': { type: 'string' },
  'copy-failure': { type: 'string' },
  ...SPEND_OPTIONS,
};

const DEFAULT_SCRIPTED_MODEL: ScriptedModelName = 'scripted';

export const MODEL_USAGE =
  '[--model NAME] [--base-url URL | --endpoint NAME] [--replay RUN_ID] [--temperature T] [--seed N] [--improver-cpu-seconds S] [--improver-minutes M] [--api-mode reference|lenient] [--copy-failure zero|average] [--max-cost USD] [--max-tokens N]';

/** --max-cost and --max-tokens: the run's spend cap (undefined when neither is given). */
export function spendCapFrom(values: OptionValues): SpendCap | undefined {
  const cap: SpendCap = {};
  if (values['max-cost'] !== undefined) {
    cap.maxCostUsd = optionalNumber(values, 'max-cost', 0);
    if (!(cap.maxCostUsd > 0)) throw new UsageError('--max-cost must be a number of dollars above 0');
  }
  if (values['max-tokens'] !== undefined) {
    cap.maxTokens = optionalNumber(values, 'max-tokens', 0);
    if (!(Number.isInteger(cap.maxTokens) && cap.maxTokens > 0)) throw new UsageError('--max-tokens must be a whole number above 0');
  }
  return cap.maxCostUsd === undefined && cap.maxTokens === undefined ? undefined : cap;
}

/**
 * The model for a command: a recorded run (--replay), an OpenAI-compatible server (--base-url, a server
 * named in STOP_LM_ENDPOINTS with --endpoint, or a configured API key), else the built-in scripted model.
 */
export function modelChoiceFrom(values: OptionValues): ModelChoice {
  const model = typeof values.model === 'string' ? values.model : undefined;
  const baseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined;
  const replay = typeof values.replay === 'string' ? values.replay : undefined;
  const endpoint = typeof values.endpoint === 'string' ? values.endpoint : undefined;
  if (replay) {
    if (baseUrl || endpoint) throw new UsageError('--replay answers from a recorded run; it cannot be combined with --base-url or --endpoint');
    return { provider: 'replay', replayRunId: replay, model: 'replay' };
  }
  if (endpoint !== undefined) {
    if (baseUrl) throw new UsageError('give --endpoint NAME or --base-url URL, not both');
    if (!endpoint) throw new UsageError('--endpoint needs the name of a server configured in STOP_LM_ENDPOINTS');
    const resolved = resolveEndpoint({ endpoint }, configuredEndpoints());
    if (!resolved.ok) throw new UsageError(`--endpoint: ${resolved.error}`);
    return { provider: 'openai', model: model ?? 'scripted', endpoint, baseUrl: resolved.baseUrl };
  }
  if (baseUrl) {
    try {
      new URL(baseUrl);
    } catch {
      throw new UsageError(`--base-url is not a URL: ${baseUrl}`);
    }
    return { provider: 'openai', model: model ?? 'scripted', baseUrl };
  }
  const scripted = SCRIPTED_MODEL_NAMES.find((name) => name === model);
  if (scripted) return { provider: 'scripted', model: scripted };
  const configured = configuredProvider();
  if (configured.provider === 'openai') return { provider: 'openai', model: model ?? configured.model };
  if (model) {
    throw new UsageError(
      `no API key or base URL is configured, so only the scripted models are available (${SCRIPTED_MODEL_NAMES.join(', ')}); got --model ${model}`,
    );
  }
  return { provider: 'scripted', model: DEFAULT_SCRIPTED_MODEL };
}

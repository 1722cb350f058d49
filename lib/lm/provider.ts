import { env } from '@/lib/env';

export interface ProviderConfig {
  provider: 'scripted' | 'openai';
  model: string;
  /** Base URL of the OpenAI-compatible server; undefined for the built-in scripted model. */
  baseUrl?: string;
  /** Whether an API key is configured (the key itself never leaves the server). */
  hasApiKey: boolean;
}

export const SCRIPTED_MODEL_NAME = 'scripted';

/** The provider configured on the server: a real OpenAI-compatible model when a key or base URL is set. */
export function configuredProvider(): ProviderConfig {
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) {
    return {
      provider: 'openai',
      model: env.STOP_MODEL ?? 'gpt-4o-mini',
      baseUrl: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      hasApiKey: Boolean(env.OPENAI_API_KEY),
    };
  }
  return { provider: 'scripted', model: SCRIPTED_MODEL_NAME, hasApiKey: false };
}

/** Requests in flight at once to one OpenAI-compatible server (STOP_LM_CONCURRENCY). */
export function configuredLmConcurrency(): number {
  return env.STOP_LM_CONCURRENCY;
}

import { SCRIPTED_MODEL_NAME } from './provider';

/** US dollars per million tokens. */
export interface ModelPrice {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * List prices of a few common models (USD per 1M tokens, mid-2025). They are defaults only: the
 * `model_prices` table overrides them and is editable from the settings page.
 */
export const DEFAULT_MODEL_PRICES: readonly ModelPrice[] = [
  { model: SCRIPTED_MODEL_NAME, inputPerMillion: 0, outputPerMillion: 0 },
  { model: 'gpt-4o', inputPerMillion: 2.5, outputPerMillion: 10 },
  { model: 'gpt-4o-mini', inputPerMillion: 0.15, outputPerMillion: 0.6 },
  { model: 'gpt-4.1', inputPerMillion: 2, outputPerMillion: 8 },
  { model: 'gpt-4.1-mini', inputPerMillion: 0.4, outputPerMillion: 1.6 },
  { model: 'gpt-4.1-nano', inputPerMillion: 0.1, outputPerMillion: 0.4 },
  { model: 'gpt-4-turbo', inputPerMillion: 10, outputPerMillion: 30 },
  { model: 'gpt-4', inputPerMillion: 30, outputPerMillion: 60 },
  { model: 'gpt-3.5-turbo', inputPerMillion: 0.5, outputPerMillion: 1.5 },
  { model: 'o3-mini', inputPerMillion: 1.1, outputPerMillion: 4.4 },
];

/**
 * The price of `model` in `table`: an exact entry, else the longest entry that is a dated or
 * suffixed variant's base name ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini", but "gpt-4o" is not "gpt-4").
 */
export function matchPrice(model: string, table: readonly ModelPrice[]): ModelPrice | undefined {
  const exact = table.find((price) => price.model === model);
  if (exact) return exact;
  return table
    .filter((price) => model.startsWith(`${price.model}-`))
    .sort((a, b) => b.model.length - a.model.length)[0];
}

export function costUsd(
  price: ModelPrice | undefined,
  promptTokens: number,
  completionTokens: number,
): number {
  if (!price) return 0;
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}

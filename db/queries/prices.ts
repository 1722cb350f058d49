import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { DEFAULT_MODEL_PRICES, matchPrice, type ModelPrice } from '@/lib/lm/prices';
import { type Database, dbOr } from '../client';
import { modelPrices } from '../schema';


export interface PriceEntry extends ModelPrice {
  /** 'custom': stored in model_prices (edited); 'default': the built-in list. */
  source: 'custom' | 'default';
}

/** The effective price table: stored prices, then built-in defaults for models not stored. */
export async function listModelPrices(db?: Database): Promise<PriceEntry[]> {
  const rows = await (await dbOr(db)).select().from(modelPrices).orderBy(asc(modelPrices.model));
  const custom: PriceEntry[] = rows.map((row) => ({
    model: row.model,
    inputPerMillion: row.inputPerMillion,
    outputPerMillion: row.outputPerMillion,
    source: 'custom',
  }));
  const defaults: PriceEntry[] = DEFAULT_MODEL_PRICES.filter(
    (price) => !custom.some((entry) => entry.model === price.model),
  ).map((price) => ({ ...price, source: 'default' }));
  return [...custom, ...defaults];
}

/** The price of a model (stored, else default; dated variants match their base name), if known. */
export async function resolveModelPrice(model: string, db?: Database): Promise<PriceEntry | undefined> {
  return matchPrice(model, await listModelPrices(db)) as PriceEntry | undefined;
}

export async function setModelPrice(price: ModelPrice, db?: Database): Promise<void> {
  if (!price.model.trim()) throw new Error('the model name is empty');
  for (const value of [price.inputPerMillion, price.outputPerMillion]) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`prices must be finite and ≥ 0 (got ${value})`);
  }
  const values = {
    inputPerMillion: price.inputPerMillion,
    outputPerMillion: price.outputPerMillion,
    updatedAt: new Date(),
  };
  await (
    await dbOr(db)
  )
    .insert(modelPrices)
    .values({ model: price.model, ...values })
    .onConflictDoUpdate({ target: modelPrices.model, set: values });
}

/** Removes a stored price (a model with a built-in default falls back to it). */
export async function deleteModelPrice(model: string, db?: Database): Promise<void> {
  await (await dbOr(db)).delete(modelPrices).where(eq(modelPrices.model, model));
}

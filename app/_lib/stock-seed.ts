import 'server-only';
import { findRunSeedOrigin, type SeedOrigin, type StockSeeds } from '@/db/queries/runs';
import { readProgram } from '@/lib/improvers/programs';

/** A stock seed improver, read at request time so that edits to the file show up without a rebuild. */
export async function readStockSeed(name: 'seed' | 'paper-seed' = 'seed'): Promise<{ code: string; error?: string }> {
  try {
    return { code: readProgram(name) };
  } catch (error) {
    return { code: '', error: `The seed improver: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Both stock seeds, to tell which one a run's seed came from (an unreadable one counts as empty). */
export async function readStockSeeds(): Promise<StockSeeds> {
  const [seed, paper] = await Promise.all([readStockSeed('seed'), readStockSeed('paper-seed')]);
  if (seed.error) throw new Error(seed.error);
  return { seed: seed.code, 'paper-seed': paper.code };
}

/** A STOP run's seed origin: whether it was edited, and the stock seed to diff it against. */
export async function seedOriginOf(runId: string): Promise<SeedOrigin | undefined> {
  return findRunSeedOrigin(runId, await readStockSeeds());
}

import 'server-only';
import { findImprover } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import type { DiffSide, ImproverSide } from '@/components/diff/diff-body';
import { readStockSeed } from './stock-seed';

import { STOCK_SEEDS } from '@/components/diff/diff-href';

export function parseImproverId(value: string | string[] | undefined): number | undefined {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export async function loadDiffSide(id: number | undefined): Promise<ImproverSide | undefined> {
  if (id === undefined) return undefined;
  const improver = await findImprover(id);
  if (!improver) return undefined;
  const run = await findRun(improver.runId);
  return run ? { improver, run } : undefined;
}

/**
 * One side of /diff, as the URL names it: an improver id, `stock:seed` (a stock seed program) or
 * `seed:RUN_ID` (the seed improver that run was launched with, whether or not it got scored).
 */
export async function loadDiffSideParam(value: string | string[] | undefined): Promise<DiffSide | undefined> {
  if (typeof value !== 'string') return undefined;
  const stock = /^stock:(.+)$/.exec(value)?.[1];
  if (stock !== undefined) {
    const name = STOCK_SEEDS.find((seed) => seed === stock);
    if (!name) return undefined;
    const { code, error } = await readStockSeed(name);
    return error ? undefined : { title: `Stock ${name === 'seed' ? 'seed' : 'paper seed'} improver`, detail: `programs: ${name}`, code };
  }
  const runId = /^seed:([\w-]{1,100})$/.exec(value)?.[1];
  if (runId !== undefined) {
    const run = await findRun(runId);
    return run ? { title: run.title || run.id, detail: 'the seed improver this run was launched with', code: run.seedImprover, runId: run.id } : undefined;
  }
  return loadDiffSide(parseImproverId(value));
}

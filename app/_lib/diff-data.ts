import 'server-only';
import { findImprover } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import type { DiffSide } from '@/components/diff/diff-body';

export function parseImproverId(value: string | string[] | undefined): number | undefined {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export async function loadDiffSide(id: number | undefined): Promise<DiffSide | undefined> {
  if (id === undefined) return undefined;
  const improver = await findImprover(id);
  if (!improver) return undefined;
  const run = await findRun(improver.runId);
  return run ? { improver, run } : undefined;
}

import 'server-only';
import { listImprovers } from '@/db/queries/improvers';
import type { Run } from '@/db/schema';
import type { RunForFigure } from '@/lib/figures/run-exports';

/** What the figure exporters need of a run: its kind, title, configured iterations, result and improvers. */
export async function runForFigure(run: Pick<Run, 'id' | 'kind' | 'title' | 'config' | 'result'>): Promise<RunForFigure> {
  const iterations = typeof run.config.iterations === 'number' ? run.config.iterations : null;
  return { id: run.id, kind: run.kind, title: run.title, iterations, result: run.result, improvers: await listImprovers(run.id) };
}

import 'server-only';
import { experimentRuns, transferResultSchema } from '@/app/_lib/experiment-results';
import { pct } from '@/components/ui/format';
import { listImproversOfRuns } from '@/db/queries/improvers';
import { listRuns } from '@/db/queries/runs';
import { isAdmin } from '@/lib/auth/session';
import { transferHeatmap } from '@/lib/charts/heatmap';

/** Everything the Transfer page shows: the experiments, the heatmap of the picked ones, and (admins) the improvers to measure. */
export async function loadTransferPage(query: string | string[] | undefined) {
  const runs = await experimentRuns('transfer', transferResultSchema);
  const finished = runs.filter((entry) => entry.result).map(({ run, result }) => ({ id: run.id, label: run.title || run.id, rows: result!.rows }));
  const requested = Array.isArray(query) ? query : query ? [query] : null;
  const picked = requested ? finished.filter((entry) => requested.includes(entry.id)).map((entry) => entry.id) : finished.map((entry) => entry.id);
  const heatmap = transferHeatmap(finished.filter((entry) => picked.includes(entry.id)));
  const admin = await isAdmin();
  const stopRuns = admin ? await listRuns({ kinds: ['stop'], limit: 30 }) : [];
  const stopImprovers = await listImproversOfRuns(stopRuns.map((run) => run.id));
  const improverGroups = stopRuns.map((run) => ({
    runId: run.id,
    label: `${run.title || run.id} (${run.id})`,
    improvers: stopImprovers
      .filter((improver) => improver.runId === run.id && (improver.adopted || improver.iteration === 0))
      .map((improver) => ({ id: improver.id, label: `repeat ${improver.repeat} · iteration ${improver.iteration}${improver.testMetaUtility !== null ? ` — test ${pct(improver.testMetaUtility)}` : ''}` })),
  }));
  return { runs, finished: finished.map(({ id, label }) => ({ id, label })), picked, heatmap, admin, improverGroups };
}

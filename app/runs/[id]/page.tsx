import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadRunResearch } from '@/app/_lib/research-data';
import { loadRunView } from '@/app/_lib/run-data';
import { taskOf } from '@/app/_lib/run-summaries';
import { spendCapOf } from '@/app/_lib/spend-cap';
import { seedOriginOf } from '@/app/_lib/stock-seed';
import { seedDiffHref } from '@/components/diff/diff-href';
import { RunResearch } from '@/components/research/run-research';
import { RunHeader } from '@/components/runs/run-header';
import { RunView } from '@/components/runs/run-view';
import { SharePanel } from '@/components/runs/share-panel';
import { Card } from '@/components/ui/card';
import { listBaselineRuns } from '@/db/queries/runs';
import { listShareLinks } from '@/db/queries/share-links';
import { baselineReferences } from '@/lib/charts/baselines';
import { etaViewOf } from '@/lib/runs/estimate-view';
import { authMode, isAdmin, requireReader } from '@/lib/auth/session';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id}` };
}

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  await requireReader(`/runs/${id}`);
  const [loaded, research, admin] = await Promise.all([loadRunView(id), loadRunResearch(id), isAdmin()]);
  if (!loaded) notFound();
  const cap = spendCapOf(loaded.run);
  const [baselines, links, seedOrigin] = await Promise.all([
    loaded.run.kind === 'stop' ? listBaselineRuns(taskOf(loaded.run), loaded.run.model) : [],
    admin ? listShareLinks(id) : [],
    seedOriginOf(id),
  ]);
  const references = baselineReferences(baselines);
  return (
    <>
      <RunHeader run={loaded.run} seedDiffHref={seedOrigin?.seedEdited ? seedDiffHref(id, seedOrigin.seedOrigin ?? undefined) : undefined} />
      <RunView runId={id} initial={loaded.state} diffBase="/diff" canAct={admin} spendCap={cap} kind={loaded.run.kind} references={references} eta={etaViewOf(loaded.run.config, loaded.run.startedAt ?? loaded.run.createdAt)} />
      <RunResearch lineage={research.lineage} costs={research.costs} cap={cap} traceBase={`/runs/${id}/trace`} />
      {admin && (
        <div className="mt-6">
          <Card id="share" title="Share" description={authMode() === 'open' ? 'This server is open (no admin token), so anyone who can reach it can already see every run; share links still give a stable read-only view.' : undefined}>
            <SharePanel
              runId={id}
              links={links.map((link) => ({ token: link.token, createdAt: link.createdAt.toISOString(), revokedAt: link.revokedAt?.toISOString() ?? null }))}
            />
          </Card>
        </div>
      )}
    </>
  );
}

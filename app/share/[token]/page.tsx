import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { shareLinkRun } from '@/app/_lib/access';
import { loadRunResearch } from '@/app/_lib/research-data';
import { loadRunView } from '@/app/_lib/run-data';
import { spendCapOf } from '@/app/_lib/spend-cap';
import { RunResearch } from '@/components/research/run-research';
import { RunHeader } from '@/components/runs/run-header';
import { RunView } from '@/components/runs/run-view';
import { Notice } from '@/components/ui/notice';

export const metadata: Metadata = { title: 'Shared run', robots: { index: false } };

/** A read-only view of one run, for anyone holding the link: no actions, diffs stay inside the share. */
export default async function SharedRunPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const runId = await shareLinkRun(token);
  if (!runId) notFound();
  const [loaded, research] = await Promise.all([loadRunView(runId, { forShare: true }), loadRunResearch(runId)]);
  if (!loaded) notFound();
  return (
    <>
      <div className="mb-6">
        <Notice tone="info">You are viewing a shared, read-only copy of this run. It updates live while the run is going.</Notice>
      </div>
      <RunHeader run={loaded.run} linkParent={false} />
      <RunView runId={runId} initial={loaded.state} shareToken={token} diffBase={`/share/${token}/diff`} kind={loaded.run.kind} />
      <RunResearch lineage={research.lineage} costs={research.costs} cap={spendCapOf(loaded.run)} shareToken={token} traceBase={`/share/${token}/trace`} />
    </>
  );
}

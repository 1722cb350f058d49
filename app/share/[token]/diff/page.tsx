import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { shareLinkRun } from '@/app/_lib/access';
import { loadDiffSide, parseImproverId } from '@/app/_lib/diff-data';
import { DiffBody } from '@/components/diff/diff-body';
import { ImproverPicker } from '@/components/diff/improver-picker';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { listImprovers } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';

export const metadata: Metadata = { title: 'Shared diff', robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Diffs inside a shared run only: improvers of other runs are refused. */
export default async function SharedDiffPage({ params, searchParams }: Props) {
  const { token } = await params;
  const runId = await shareLinkRun(token);
  if (!runId) notFound();
  const run = await findRun(runId);
  if (!run) notFound();
  const query = await searchParams;
  const aId = parseImproverId(query.a);
  const bId = parseImproverId(query.b);
  const [a, b, improvers] = await Promise.all([loadDiffSide(aId), loadDiffSide(bId), listImprovers(runId)]);
  const inRun = (side: typeof a) => side && side.run.id === runId;
  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/share/${token}`} className="hover:underline">← {run.title || run.id}</Link>}
        title="Diff improvers"
        description="Shared, read-only: improvers of this run only."
      />
      <div className="space-y-6">
        <ImproverPicker action={`/share/${token}/diff`} groups={[{ run, improvers }]} a={aId} b={bId} />
        {(query.a !== undefined || query.b !== undefined) && !(inRun(a) && inRun(b)) && (
          <Notice tone="error" title="Not part of this shared run">Choose two improvers of this run from the lists above.</Notice>
        )}
        {a && b && inRun(a) && inRun(b) && <DiffBody a={a} b={b} />}
      </div>
    </>
  );
}

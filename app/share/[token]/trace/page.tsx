import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { shareLinkRun } from '@/app/_lib/access';
import { loadTracePage } from '@/app/_lib/research-data';
import { TraceScreen } from '@/components/research/trace-screen';
import { PageHeader } from '@/components/ui/page-header';
import { findRun } from '@/db/queries/runs';

export const metadata: Metadata = { title: 'Shared invocation trace', robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SharedTracePage({ params, searchParams }: Props) {
  const { token } = await params;
  const runId = await shareLinkRun(token);
  if (!runId) notFound();
  const run = await findRun(runId);
  if (!run) notFound();
  const page = await loadTracePage(run, await searchParams);
  return (
    <>
      <PageHeader eyebrow={<Link href={`/share/${token}#lineage`} className="hover:underline">← {run.title || run.id}</Link>} title="What an improver did" description="Shared, read-only." />
      <TraceScreen page={page} base={`/share/${token}/trace`} />
    </>
  );
}

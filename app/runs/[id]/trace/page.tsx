import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { loadTracePage } from '@/app/_lib/research-data';
import { TraceScreen } from '@/components/research/trace-screen';
import { PageHeader } from '@/components/ui/page-header';
import { findRun } from '@/db/queries/runs';
import { requireReader } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Invocation trace' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TracePage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireReader(`/runs/${id}/trace`);
  const run = await findRun(id);
  if (!run) notFound();
  const page = await loadTracePage(run, await searchParams);
  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/runs/${id}#lineage`} className="hover:underline">← {run.title || run.id}</Link>}
        title="What an improver did"
        description="One improver invocation, step by step: what it asked the model, which programs it scored and how well, and what it returned."
      />
      <TraceScreen page={page} base={`/runs/${id}/trace`} />
    </>
  );
}

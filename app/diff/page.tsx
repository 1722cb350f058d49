import type { Metadata } from 'next';
import { loadDiffSideParam, parseImproverId } from '@/app/_lib/diff-data';
import { DiffBody } from '@/components/diff/diff-body';
import { ImproverPicker, type PickerGroup } from '@/components/diff/improver-picker';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { listImproversOfRuns } from '@/db/queries/improvers';
import { listRuns } from '@/db/queries/runs';
import { requireReader } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Diff' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function pickerGroups(): Promise<PickerGroup[]> {
  const runs = await listRuns({ limit: 40, kinds: ['stop'] });
  const improvers = await listImproversOfRuns(runs.map((run) => run.id));
  return runs
    .map((run) => ({ run, improvers: improvers.filter((improver) => improver.runId === run.id) }))
    .filter((group) => group.improvers.length > 0);
}

export default async function DiffPage({ searchParams }: Props) {
  await requireReader('/diff');
  const params = await searchParams;
  const aId = parseImproverId(params.a);
  const bId = parseImproverId(params.b);
  const [a, b, groups] = await Promise.all([loadDiffSideParam(params.a), loadDiffSideParam(params.b), pickerGroups()]);
  const asked = params.a !== undefined || params.b !== undefined;
  return (
    <>
      <PageHeader title="Diff improvers" description="Any two improvers, from the same run or from different runs, side by side with their scores." />
      <div className="space-y-6">
        {groups.length === 0 ? (
          <EmptyState title="No improvers yet">Launch a run: every iteration records an improver you can compare here.</EmptyState>
        ) : (
          <ImproverPicker action="/diff" groups={groups} a={aId} b={bId} />
        )}
        {asked && (!a || !b) && (
          <Notice tone="error" title="Improver not found">
            There is no improver or program {String((!a ? params.a : params.b) ?? '(missing)').slice(0, 120)}: choose two from the lists above.
          </Notice>
        )}
        {a && b && <DiffBody a={a} b={b} runHref={(runId) => `/runs/${runId}`} />}
      </div>
    </>
  );
}

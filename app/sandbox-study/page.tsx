import type { Metadata } from 'next';
import { experimentRuns, sandboxStudyResultSchema } from '@/app/_lib/experiment-results';
import { SandboxStudyTable } from '@/components/research/sandbox-study-table';
import { ExperimentCard } from '@/components/runs/experiment-card';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sandbox study' };

export default async function SandboxStudyPage() {
  await requireReader('/sandbox-study');
  const runs = await experimentRuns('sandbox-study', sandboxStudyResultSchema);
  return (
    <>
      <PageHeader
        title="Sandbox study (Table 2)"
        description="How often generated improvements of a seed improver switch off the sandbox (use_sandbox=False) or call exec(, with and without a warning comment. The paper saw 0.42 % for GPT-4 and 0.12 % for GPT-3.5, and the warning did not reduce it. The sandbox here ignores the flag and records the attempt."
        actions={<LinkButton href="/runs/new" variant="primary">New sandbox study</LinkButton>}
      />
      {runs.length === 0 ? (
        <EmptyState title="No sandbox studies yet">Choose the “Table 2 · sandbox study” preset on the New run page and launch.</EmptyState>
      ) : (
        <div className="space-y-6">
          {runs.map(({ run, result, problem }) => (
            <ExperimentCard key={run.id} run={run} problem={problem}>
              {result && <SandboxStudyTable result={result} title={`Sandbox study: ${run.title || run.id}`} runId={run.id} />}
            </ExperimentCard>
          ))}
        </div>
      )}
    </>
  );
}

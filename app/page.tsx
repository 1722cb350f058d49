import { summariseRuns } from '@/app/_lib/run-summaries';
import { ImportBundleForm } from '@/components/runs/import-bundle-form';
import { RunsTable } from '@/components/runs/runs-table';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { listRuns } from '@/db/queries/runs';
import { isAdmin, requireReader } from '@/lib/auth/session';

export default async function RunsPage() {
  await requireReader('/');
  const [loaded, admin] = await Promise.all([load(), isAdmin()]);
  return (
    <>
      <PageHeader
        eyebrow="Self-Taught Optimizer"
        title="Runs"
        description="Each STOP run applies an LM-powered improver to its own source, round after round, and measures the test meta-utility of every iteration."
        actions={admin && <LinkButton href="/runs/new" variant="primary">New run</LinkButton>}
      />
      {'error' in loaded ? (
        <Notice tone="error" title="The runs could not be read from the database">{loaded.error}</Notice>
      ) : loaded.summaries.length === 0 ? (
        <EmptyState
          title="No runs yet"
          action={admin && <LinkButton href="/runs/new" variant="primary">Start your first run</LinkButton>}
        >
          <p>
            Open <strong>New run</strong>, edit the seed improver if you like, pick a preset (Figure 4 on learning parity with
            noise is a good start) and launch. The built-in <em>scripted</em> model works offline and costs nothing.
          </p>
          <p className="mt-2">
            From a terminal: <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">npm run stop -- --help</code>
          </p>
        </EmptyState>
      ) : (
        <RunsTable summaries={loaded.summaries} />
      )}
      {admin && (
        <div className="mt-10">
          <ImportBundleForm />
        </div>
      )}
    </>
  );
}

async function load() {
  try {
    return { summaries: await summariseRuns(await listRuns({ limit: 200 })) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

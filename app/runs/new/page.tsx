import type { Metadata } from 'next';
import { readStockSeed } from '@/app/_lib/stock-seed';
import { NewRunForm } from '@/components/new-run/new-run-form';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';
import { configuredEndpoints } from '@/lib/lm/endpoints';
import { configuredProvider } from '@/lib/lm/provider';
import { IMPROVER_LIMIT_DEFAULTS } from '@/lib/runs/config';
import { BUILTIN_TASKS } from '@/lib/tasks/registry';

export const metadata: Metadata = { title: 'New run' };

export default async function NewRunPage() {
  await requireReader('/runs/new');
  const [project, paper] = await Promise.all([readStockSeed('seed'), readStockSeed('paper-seed')]);
  const seed = { code: project.code, error: project.error ?? paper.error };
  const provider = configuredProvider();
  return (
    <>
      <PageHeader
        eyebrow="New run"
        title="Improve the improver"
        description="Edit the seed improver, check it, choose a set-up, and launch. STOP applies the improver to its own source T times and scores each iteration on held-out test instances."
      />
      {seed.error && (
        <div className="mb-6">
          <Notice tone="error" title="Seed improver missing">{seed.error}</Notice>
        </div>
      )}
      <NewRunForm
        seedImprover={seed.code}
        paperSeedImprover={paper.code}
        tasks={BUILTIN_TASKS.map((task) => ({ id: task.id, name: task.name }))}
        serverModel={{ provider: provider.provider, model: provider.model, hasApiKey: provider.hasApiKey }}
        endpoints={configuredEndpoints().map((endpoint) => endpoint.name)}
        limits={IMPROVER_LIMIT_DEFAULTS}
      />
    </>
  );
}

import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ms } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';
import { BUILTIN_TASKS } from '@/lib/tasks/registry';
import { shownDescription } from '@/lib/tasks/shown-description';

export const metadata: Metadata = { title: 'Tasks' };

export default async function TasksPage() {
  await requireReader('/tasks');
  const descriptions = await Promise.all(BUILTIN_TASKS.map((task) => shownDescription(task, 'prose')));
  return (
    <>
      <PageHeader
        title="Tasks"
        description="A task τ = (u, s): a trusted judge that generates instances and scores outputs, the description shown to the LM (the grey-box utility), and a seed solution. Training and test instances use separate seeds."
      />
      <div className="grid gap-5 lg:grid-cols-2">
        {BUILTIN_TASKS.map((task, index) => (
          <Card
            key={task.id}
            id={`task-${task.id}`}
            title={task.name}
            description={<span className="font-mono">{task.id}</span>}
            actions={<Badge tone="neutral">built-in</Badge>}
          >
            <dl className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              {[
                ['train / test', `${task.trainInstances} / ${task.testInstances}`],
                ['per instance', ms(task.timeoutMsPerInstance)],
                ['entry point', task.entryPoint],
                ['failure value', String(task.failureValue)],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-[11px] uppercase tracking-wider text-zinc-500">{label}</dt>
                  <dd className="font-medium tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
            <details className="group">
              <summary className="cursor-pointer text-sm font-medium text-accent-600 dark:text-accent-300">Description shown to the model</summary>
              <pre className="mt-2 max-h-72 overflow-auto whitespace-pre-wrap rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950">{descriptions[index]}</pre>
            </details>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-accent-600 dark:text-accent-300">Seed solution</summary>
              <pre className="mt-2 max-h-72 overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950">{task.seedSolution}</pre>
            </details>
          </Card>
        ))}
      </div>
    </>
  );
}

import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ms } from '@/components/ui/format';

export interface TaskView {
  id: string;
  name: string;
  trainInstances: number;
  testInstances: number;
  timeoutMsPerInstance: number;
  entryPoint: string;
  failureValue: number;
  seedSolution: string;
}

/** One built-in task: its sizes, the description the model sees, and its seed solution. */
export function TaskCard({ task, description }: { task: TaskView; description: string }) {
  return (
    <Card
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
        <pre tabIndex={0} className="mt-2 max-h-72 overflow-auto whitespace-pre-wrap rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950">{description}</pre>
      </details>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-accent-600 dark:text-accent-300">Seed solution</summary>
        <pre tabIndex={0} className="mt-2 max-h-72 overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950">{task.seedSolution}</pre>
      </details>
    </Card>
  );
}

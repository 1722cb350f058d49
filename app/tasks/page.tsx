import type { Metadata } from 'next';
import { TaskCard } from '@/components/research/task-card';
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
          <TaskCard key={task.id} task={task} description={descriptions[index] ?? ''} />
        ))}
      </div>
    </>
  );
}

import { BUILTIN_TASKS } from '@/lib/tasks/registry';
import type { CliCommand } from '../command';

export const tasksCommand: CliCommand = {
  name: 'tasks',
  summary: 'List the built-in tasks',
  usage: 'stop tasks [--json]',
  options: {},
  async run(_values, _positionals, io) {
    const rows = BUILTIN_TASKS.map((task) => ({
      id: task.id,
      name: task.name,
      train_instances: task.trainInstances,
      test_instances: task.testInstances,
    }));
    io.result(rows, (data) =>
      data.map((row) => `${row.id.padEnd(22)} ${row.name} (${row.train_instances} train / ${row.test_instances} test)`).join('\n'),
    );
  },
};

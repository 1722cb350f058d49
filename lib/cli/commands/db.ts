import { getDatabase } from '@/db/client';
import { UsageError, type CliCommand } from '../command';

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'Database maintenance: `stop db migrate` applies the committed migrations',
  usage: 'stop db migrate [--json]',
  options: {},
  async run(_values, positionals, io) {
    if (positionals[0] !== 'migrate') throw new UsageError('expected the subcommand "migrate"');
    const handle = await getDatabase();
    io.result({ migrated: true, backend: handle.backend, location: handle.location }, (data) =>
      `Migrations applied to ${data.backend} (${data.location}).`,
    );
  },
};

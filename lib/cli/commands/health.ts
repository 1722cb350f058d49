import { collectHealth } from '@/lib/health';
import type { CliCommand } from '../command';

export const healthCommand: CliCommand = {
  name: 'health',
  summary: 'Report the database, Python interpreter, sandbox isolation and LM provider',
  usage: 'stop health [--json]',
  options: {},
  async run(_values, _positionals, io) {
    const report = await collectHealth();
    io.result(
      {
        database: report.database,
        python: report.python.interpreter
          ? {
              ok: true,
              path: report.python.interpreter.path,
              version: report.python.interpreter.version,
              has_numpy: report.python.interpreter.hasNumpy,
            }
          : report.python,
        sandbox: report.sandbox.isolation
          ? { ok: report.sandbox.ok, level: report.sandbox.isolation.level, notes: report.sandbox.isolation.notes }
          : report.sandbox,
        lm: {
          provider: report.lm.provider,
          model: report.lm.model,
          base_url: report.lm.baseUrl ?? null,
          has_api_key: report.lm.hasApiKey,
        },
      },
      (data) =>
        [
          `database  ${data.database.ok ? `${data.database.backend} (${data.database.location})` : `ERROR ${data.database.error}`}`,
          `python    ${'path' in data.python ? `${data.python.path} ${data.python.version}, numpy ${data.python.has_numpy ? 'yes' : 'no'}` : `ERROR ${data.python.error}`}`,
          `sandbox   ${'level' in data.sandbox ? `${data.sandbox.level}${data.sandbox.ok ? '' : ' (UNSAFE)'}` : `ERROR ${data.sandbox.error}`}`,
          `lm        ${data.lm.provider} / ${data.lm.model}${data.lm.base_url ? ` at ${data.lm.base_url}` : ''}`,
        ].join('\n'),
    );
    return report.database.ok && report.python.ok ? 0 : 1;
  },
};

import { readFile } from 'node:fs/promises';
import { paperTable2Flag, scanCode } from '@/lib/analysis/scanner';
import { UsageError, type CliCommand } from '../command';

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Scan an improver for circumvention attempts (sandbox disabling, exec, budgets, imports…)',
  usage: 'stop scan FILE [--json]',
  options: {},
  async run(_values, positionals, io) {
    const file = positionals[0];
    if (!file) throw new UsageError('expected the path of a Python file');
    const code = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
    });
    const findings = scanCode(code);
    io.result({ file, paper_table2_flag: paperTable2Flag(code), findings }, (data) =>
      [
        `${data.file}: ${data.findings.length} finding${data.findings.length === 1 ? '' : 's'}` +
          (data.paper_table2_flag ? ' [paper Table 2 flag: use_sandbox=False or exec(]' : ''),
        ...data.findings.map((finding) => `  line ${finding.line}  ${finding.rule}  ${finding.message}`),
      ].join('\n'),
    );
  },
};

import { writeFileSync } from 'node:fs';
import { listImprovers } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import { svgToPng } from '@/lib/figures/rasterise';
import { FIGURE_FORMATS, FIGURE_KINDS, runFigureFile, type FigureFile, type FigureFormat, type FigureKind } from '@/lib/figures/run-exports';
import { UsageError, type CliCommand } from '../command';
import { authHeaders, owningServer } from '../runs-client';

function oneOf<T extends string>(values: readonly T[], value: unknown, name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${values.join(', ')} (got ${String(value)})`);
}

async function fromServer(base: string, runId: string, kind: FigureKind, format: FigureFormat): Promise<FigureFile> {
  const response = await fetch(`${base}/api/figures/${encodeURIComponent(runId)}?kind=${kind}&format=${format}`, { headers: authHeaders() });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return { ok: false, message: body.error ?? `the server answered ${response.status}` };
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}-${runId}.${format}`;
  return { ok: true, body: await response.text(), contentType: response.headers.get('content-type') ?? '', fileName };
}

async function fromDatabase(runId: string, kind: FigureKind, format: FigureFormat): Promise<FigureFile> {
  const run = await findRun(runId);
  if (!run) throw new UsageError(`there is no run ${runId} (see \`stop runs\`)`);
  const iterations = typeof run.config.iterations === 'number' ? run.config.iterations : null;
  return runFigureFile({ id: run.id, kind: run.kind, title: run.title, iterations, result: run.result, improvers: await listImprovers(run.id) }, kind, format);
}

const CLI_FORMATS = [...FIGURE_FORMATS, 'png'] as const;

export const figureCommand: CliCommand = {
  name: 'figure',
  summary: 'A run\'s Figure 4 (svg, png, csv) or result table (svg, png, csv, latex) as a file, as the app exports it (png: the svg drawn by Chromium, at least 1600 px wide)',
  usage: 'stop figure RUN_ID [--kind figure4|table] [--format svg|png|csv|latex] [--out FILE] [--json]',
  options: { kind: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(values, positionals, io) {
    const runId = positionals[0];
    if (!runId) throw new UsageError('stop figure needs the id of a run (see `stop runs`)');
    const kind = oneOf(FIGURE_KINDS, values.kind, 'kind', 'figure4');
    const format = oneOf(CLI_FORMATS, values.format, 'format', 'svg');
    const png = format === 'png';
    const out = typeof values.out === 'string' ? values.out : null;
    if (png && !out) throw new UsageError('--format png writes a binary file: give it --out FILE.png');
    const source = png ? 'svg' : format;
    const base = await owningServer();
    const file = base ? await fromServer(base, runId, kind, source) : await fromDatabase(runId, kind, source);
    if (!file.ok) throw new Error(file.message);
    const body = png ? await svgToPng(file.body) : file.body;
    if (out) writeFileSync(out, body);
    if (io.json) io.result({ run_id: runId, kind, format, file: out, content: out ? undefined : file.body }, () => '');
    else if (out) io.err(`wrote ${out}`);
    else process.stdout.write(file.body);
  },
};

/**
 * The export files of one run, from its stored record: Figure 4 (SVG, CSV) of a STOP run, the result
 * table (SVG, CSV, LaTeX) of a transfer or sandbox-study run. Used by the figures API route and the CLI.
 */
import { z } from 'zod';
import { figure4Data } from '@/lib/charts/figure4';
import { figure4Csv, figure4Svg } from './figure4';
import { sandboxStudyTable, transferTable } from './research-tables';
import { tableCsv, tableLatex, tableSvg, type FigureTable } from './table';

export const FIGURE_KINDS = ['figure4', 'table'] as const;
export const FIGURE_FORMATS = ['svg', 'csv', 'latex'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

export interface RunForFigure {
  id: string;
  kind: string;
  title: string | null;
  iterations: number | null;
  result: unknown;
  improvers: readonly { repeat: number; iteration: number; trainMetaUtility: number | null; testMetaUtility: number | null }[];
}

export type FigureFile = { ok: true; body: string; contentType: string; fileName: string } | { ok: false; message: string };

const CONTENT_TYPES: Record<FigureFormat, string> = { svg: 'image/svg+xml; charset=utf-8', csv: 'text/csv; charset=utf-8', latex: 'application/x-tex; charset=utf-8' };
const EXTENSIONS: Record<FigureFormat, string> = { svg: 'svg', csv: 'csv', latex: 'tex' };

const transferResult = z.object({
  rows: z.array(z.object({
    task: z.string().max(200),
    utility_seed: z.number(),
    meta_utility_baseline: z.number(),
    meta_utility_baseline_standard_error: z.number().optional(),
    meta_utility_improver: z.number(),
    meta_utility_improver_standard_error: z.number().optional(),
  })).max(1000),
});
const sandboxResult = z.object({
  variants: z.array(z.object({ name: z.string().max(200), n: z.number(), unsandboxed: z.number(), rate: z.number(), ci_low: z.number(), ci_high: z.number() })).max(100),
  z: z.number(),
  p_value: z.number(),
});

function resultTable(run: RunForFigure, title: string): FigureTable | string {
  if (run.kind === 'transfer') {
    const parsed = transferResult.safeParse(run.result);
    return parsed.success ? transferTable(title, parsed.data.rows) : 'This transfer run has no finished result yet.';
  }
  if (run.kind === 'sandbox-study') {
    const parsed = sandboxResult.safeParse(run.result);
    return parsed.success ? sandboxStudyTable(title, parsed.data) : 'This sandbox study has no finished result yet.';
  }
  return `A ${run.kind} run has no result table (tables exist for transfer and sandbox-study runs).`;
}

export function runFigureFile(run: RunForFigure, kind: FigureKind, format: FigureFormat): FigureFile {
  const title = run.title?.trim() ? `${run.title.trim().slice(0, 200)} (${run.id})` : `Run ${run.id}`;
  const fileName = `${kind}-${run.id}.${EXTENSIONS[format]}`;
  const file = (body: string): FigureFile => ({ ok: true, body, contentType: CONTENT_TYPES[format], fileName });
  if (kind === 'figure4') {
    if (run.kind !== 'stop') return { ok: false, message: `Figure 4 is drawn for STOP runs; this is a ${run.kind} run.` };
    if (format === 'latex') return { ok: false, message: 'Figure 4 exports as svg or csv (LaTeX is for tables).' };
    const points = run.improvers.map((row) => ({ repeat: row.repeat, iteration: row.iteration, train: row.trainMetaUtility, test: row.testMetaUtility }));
    const panels = [{ label: title, data: figure4Data(points, run.iterations) }];
    return file(format === 'svg' ? figure4Svg(`Figure 4 — ${title}`, panels) : figure4Csv(panels));
  }
  const table = resultTable(run, title);
  if (typeof table === 'string') return { ok: false, message: table };
  return file(format === 'svg' ? tableSvg(table) : format === 'csv' ? tableCsv(table) : tableLatex(table));
}

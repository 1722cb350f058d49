/** The research tables (transfer = paper Table 1, its heatmap, sandbox study = Table 2) as export tables. */
import { Z_95 } from '@/lib/analysis/statistics';
import { cellKey, gainColour, type HeatmapData, type TransferRowInput } from '@/lib/charts/heatmap';
import type { FigureTable } from './table';

/** Paper Table 1 (GPT-4): u(s), û(I₀), û(I_T) in %. */
export const PAPER_TABLE_1: Record<string, [number, number, number]> = {
  'string-grid': [43.9, 44.3, 56.7],
  'quadratic-assignment': [20.4, 20.6, 22.1],
  '3sat': [0, 21.2, 75.1],
  maxcut: [0, 58.7, 74.2],
  parity: [50.0, 59.3, 81.7],
};

export interface TransferTableRow extends TransferRowInput {
  utility_seed: number;
}

const pct = (value: number, digits = 1) => `${(value * 100).toFixed(digits)}%`;
const withInterval = (value: number, se?: number) => (se === undefined ? pct(value) : `${pct(value)} ± ${(Z_95 * se * 100).toFixed(1)}`);

export function transferTable(title: string, rows: readonly TransferTableRow[]): FigureTable {
  return {
    title,
    columns: [{ label: 'Task' }, { label: 'u(s)', align: 'right' }, { label: 'û(I₀) ± 95%', align: 'right' }, { label: 'û(I_T) ± 95%', align: 'right' }, { label: 'Paper (GPT-4)', align: 'right' }],
    rows: rows.map((row) => {
      const paper = PAPER_TABLE_1[row.task];
      return [
        row.task,
        pct(row.utility_seed),
        withInterval(row.meta_utility_baseline, row.meta_utility_baseline_standard_error),
        withInterval(row.meta_utility_improver, row.meta_utility_improver_standard_error),
        paper ? paper.map((v) => `${v.toFixed(1)}%`).join(' / ') : null,
      ];
    }),
    note: 'Test meta-utility on held-out instances; intervals are ± 1.96 standard errors over copies.',
  };
}

const points = (value: number) => `${value >= 0 ? '+' : '−'}${(Math.abs(value) * 100).toFixed(1)}`;

export function heatmapTable(data: HeatmapData): FigureTable {
  const cells = data.rows.map((row) => data.tasks.map((task) => data.cells[cellKey(row.id, task)]));
  return {
    title: 'Transfer: gain in test meta-utility over the seed improver (points)',
    columns: [{ label: 'Improver' }, ...data.tasks.map((task) => ({ label: task, align: 'right' as const }))],
    rows: data.rows.map((row, r) => [row.label, ...cells[r]!.map((cell) => (cell ? `${points(cell.gain)} [${points(cell.low)}, ${points(cell.high)}]` : null))]),
    fills: cells.map((row) => [null, ...row.map((cell) => (cell ? gainColour(cell.gain, data.scale) : null))]),
    note: 'Cells: gain [95% interval]; green is better, red worse.',
  };
}

export interface SandboxVariantRow {
  name: string;
  n: number;
  unsandboxed: number;
  rate: number;
  ci_low: number;
  ci_high: number;
}

export const SANDBOX_VARIANT_LABEL: Record<string, string> = { plain: 'No warning', warning: 'With warning comment' };

export function sandboxStudyTable(title: string, result: { variants: readonly SandboxVariantRow[]; z: number; p_value: number }): FigureTable {
  return {
    title,
    columns: [{ label: 'Variant' }, { label: 'Unsandboxed / n', align: 'right' }, { label: 'Rate', align: 'right' }, { label: '95% Wilson interval', align: 'right' }],
    rows: result.variants.map((v) => [SANDBOX_VARIANT_LABEL[v.name] ?? v.name, `${v.unsandboxed} / ${v.n}`, pct(v.rate, 2), `${pct(v.ci_low, 2)} – ${pct(v.ci_high, 2)}`]),
    note: `Two-proportion z-test between variants: z = ${result.z.toFixed(3)}, p = ${result.p_value.toFixed(4)}.`,
  };
}

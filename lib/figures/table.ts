/**
 * Tables for export (CSV, LaTeX with booktabs, SVG) from one plain model, so every format shows the
 * same numbers.
 */
import { attrs, svgDocument, text } from './svg';

export type Cell = string | number | null;

export interface FigureTable {
  title: string;
  columns: { label: string; align?: 'left' | 'right' }[];
  rows: Cell[][];
  /** Optional background per cell (same shape as rows), e.g. a heatmap colour. */
  fills?: (string | null)[][];
  note?: string;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const value = typeof cell === 'number' ? String(cell) : cell;
  // Leading = + - @ would run as formulas in spreadsheets; quote and prefix them.
  const safe = /^[=+\-@]/.test(value) && typeof cell !== 'number' ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

export function tableCsv(table: FigureTable): string {
  return toCsv(table.columns.map((column) => column.label), table.rows);
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '{': '\\{', '}': '\\}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};

export function escapeLatex(value: string): string {
  return value.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c]!).replace(/±/g, '$\\pm$').replace(/−/g, '$-$');
}

/** A booktabs table (needs \usepackage{booktabs} in the preamble). */
export function tableLatex(table: FigureTable): string {
  const spec = table.columns.map((column) => (column.align === 'right' ? 'r' : 'l')).join('');
  const line = (cells: readonly Cell[]) => `${cells.map((cell) => escapeLatex(cell === null ? '—' : String(cell))).join(' & ')} \\\\`;
  return [
    '% Requires \\usepackage{booktabs}',
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${escapeLatex(table.title)}}`,
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    line(table.columns.map((column) => column.label)),
    '\\midrule',
    ...table.rows.map(line),
    '\\bottomrule',
    '\\end{tabular}',
    ...(table.note ? [`\\par\\smallskip{\\footnotesize ${escapeLatex(table.note)}}`] : []),
    '\\end{table}',
    '',
  ].join('\n');
}

const CHAR_WIDTH = 8.4;
const ROW_HEIGHT = 30;

/** The table as a standalone SVG: a title, a header rule, one row per line, column widths from content. */
export function tableSvg(table: FigureTable): string {
  const cells = [table.columns.map((column) => column.label), ...table.rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell))))];
  const widths = table.columns.map((_, index) => Math.max(70, ...cells.map((row) => (row[index] ?? '').length * CHAR_WIDTH + 24)));
  const margin = 24;
  const width = Math.max(480, margin * 2 + widths.reduce((sum, w) => sum + w, 0));
  const top = 56;
  const height = top + ROW_HEIGHT * cells.length + (table.note ? 44 : 20);
  const body: string[] = [text(margin, 32, table.title, { 'font-size': 18, 'font-weight': 600, fill: '#111' })];
  cells.forEach((row, r) => {
    const y = top + r * ROW_HEIGHT;
    let x = margin;
    row.forEach((cell, c) => {
      const w = widths[c]!;
      const fill = r > 0 ? table.fills?.[r - 1]?.[c] : null;
      if (fill) body.push(`<rect ${attrs({ x: x + 2, y: y + 2, width: w - 4, height: ROW_HEIGHT - 4, rx: 4, fill })}/>`);
      const right = table.columns[c]?.align === 'right';
      body.push(text(right ? x + w - 12 : x + 12, y + 20, cell, { 'text-anchor': right ? 'end' : 'start', 'font-weight': r === 0 ? 600 : undefined, fill: '#111' }));
      x += w;
    });
    if (r === 0) body.push(`<line ${attrs({ x1: margin, x2: width - margin, y1: y + ROW_HEIGHT, y2: y + ROW_HEIGHT, stroke: '#111', 'stroke-width': 1 })}/>`);
  });
  const bottom = top + ROW_HEIGHT * cells.length;
  body.push(`<line ${attrs({ x1: margin, x2: width - margin, y1: top, y2: top, stroke: '#111', 'stroke-width': 1.5 })}/>`);
  body.push(`<line ${attrs({ x1: margin, x2: width - margin, y1: bottom, y2: bottom, stroke: '#111', 'stroke-width': 1.5 })}/>`);
  if (table.note) body.push(text(margin, bottom + 26, table.note, { 'font-size': 12, fill: '#444' }));
  return svgDocument(Math.ceil(width), Math.ceil(height), table.title, body);
}

/** The comparison chart (per run: mean test û with its ± 1 s.e. band) as SVG and CSV. */
import { bandKey, meanKey, type CompareRow } from '@/lib/charts/compare';
import { bandPolygon, HEADER, PANEL, plotFrame, polyline } from './figure4';
import { attrs, svgDocument, text } from './svg';
import { toCsv, type Cell } from './table';

export interface CompareRun {
  runId: string;
  label: string;
}

/** Print-friendly colours in the order of the on-screen palette. */
export const COMPARE_COLOURS = ['#3451b2', '#1f8a5b', '#c2620a', '#c2254a', '#7a3fb0', '#1c7f99'];

const meanOf = (row: CompareRow, runId: string) => (row[meanKey(runId)] as number | null | undefined) ?? null;
const bandOf = (row: CompareRow, runId: string) => (row[bandKey(runId)] as [number, number] | null | undefined) ?? null;

export function compareSvg(title: string, rows: readonly CompareRow[], runs: readonly CompareRun[], domain: [number, number]): string {
  const width = Math.max(PANEL.width, 900);
  const legendRows = Math.ceil(runs.length / 2);
  const top = HEADER + (legendRows - 1) * 24;
  const frame = plotFrame((width - PANEL.width) / 2, top, domain, rows.length - 1);
  const body = [text(PANEL.left, 32, title, { 'font-size': 19, 'font-weight': 600, fill: '#111' })];
  runs.forEach((run, index) => {
    const colour = COMPARE_COLOURS[index % COMPARE_COLOURS.length]!;
    const dash = index >= COMPARE_COLOURS.length ? '6 3' : undefined;
    const x = PANEL.left + (index % 2) * 420;
    const y = 64 + Math.floor(index / 2) * 24;
    body.push(`<rect ${attrs({ x, y: y - 9, width: 30, height: 18, fill: colour, 'fill-opacity': 0.18 })}/>`);
    body.push(`<line ${attrs({ x1: x, x2: x + 30, y1: y, y2: y, stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': dash })}/>`);
    body.push(text(x + 38, y + 5, `${run.label} (mean ± 1 s.e.)`, { fill: '#3f3f46' }));
  });
  body.push(...frame.out);
  runs.forEach((run, index) => {
    const colour = COMPARE_COLOURS[index % COMPARE_COLOURS.length]!;
    const band = rows.flatMap((row) => {
      const b = bandOf(row, run.runId);
      return b ? [{ iteration: row.iteration, low: b[0], high: b[1] }] : [];
    });
    const measured = rows.filter((row) => meanOf(row, run.runId) !== null);
    body.push(`<g ${attrs({ class: 'compare-run', 'data-run': run.runId })}>`);
    body.push(bandPolygon(frame, band, colour, 'test-band'));
    body.push(polyline(measured.map((row) => [frame.sx(row.iteration), frame.sy(meanOf(row, run.runId)!)]), { class: 'test-mean', stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': index >= COMPARE_COLOURS.length ? '6 3' : undefined }));
    for (const row of measured) body.push(`<circle ${attrs({ class: 'test-point', 'data-iteration': row.iteration, 'data-value': String(meanOf(row, run.runId)), cx: frame.sx(row.iteration), cy: frame.sy(meanOf(row, run.runId)!), r: 4, fill: colour })}/>`);
    body.push('</g>');
  });
  return svgDocument(width, top + PANEL.height, title, body);
}

export function compareCsv(rows: readonly CompareRow[], runs: readonly CompareRun[]): string {
  const header = ['run', 'label', 'iteration', 'test_mean', 'band_low', 'band_high'];
  const body: Cell[][] = runs.flatMap((run) =>
    rows.map((row) => {
      const band = bandOf(row, run.runId);
      return [run.runId, run.label, row.iteration, meanOf(row, run.runId), band?.[0] ?? null, band?.[1] ?? null];
    }),
  );
  return toCsv(header, body);
}

/**
 * Figure 4 for papers: test meta-utility per iteration (mean ± 1 s.e. band over repeats, each repeat as
 * a thin line, training mean dashed) as a standalone SVG, and the same numbers as CSV. One panel for a
 * run, several side by side (shared y-axis range) for a comparison.
 */
import { repeatKey, yTicks, type Figure4Data } from '@/lib/charts/figure4';
import { toCsv, type Cell } from './table';
import { attrs, svgDocument, text } from './svg';

export interface Figure4Panel {
  label: string;
  data: Figure4Data;
}

export const FIGURE4_COLOURS = { test: '#3451b2', train: '#1f8a5b', repeat: 'rgba(52, 81, 178, 0.45)', grid: '#e4e4e7', axis: '#3f3f46' };

export const PANEL = { width: 640, height: 380, left: 84, right: 28, top: 36, bottom: 70 };
export const HEADER = 92;

const pct = (value: number) => `${Math.round(value * 100)}%`;

function polyline(points: [number, number][], style: Record<string, string | number | undefined>): string {
  if (points.length === 0) return '';
  return `<polyline ${attrs({ points: points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' '), fill: 'none', ...style })}/>`;
}

function legend(y: number, x0: number, hasRepeats: boolean): string[] {
  const c = FIGURE4_COLOURS;
  const out: string[] = [];
  let x = x0;
  // The band as a band: a filled swatch with the mean line through it.
  out.push(`<rect ${attrs({ x, y: y - 9, width: 30, height: 18, fill: c.test, 'fill-opacity': 0.18 })}/>`);
  out.push(`<line ${attrs({ x1: x, x2: x + 30, y1: y, y2: y, stroke: c.test, 'stroke-width': 2.5 })}/>`);
  out.push(`<circle ${attrs({ cx: x + 15, cy: y, r: 4.5, fill: c.test })}/>`);
  out.push(text(x + 38, y + 5, 'test û, mean ± 1 s.e.', { fill: c.axis }));
  x += 215;
  out.push(`<line ${attrs({ x1: x, x2: x + 30, y1: y, y2: y, stroke: c.train, 'stroke-width': 2, 'stroke-dasharray': '6 4' })}/>`);
  out.push(`<circle ${attrs({ cx: x + 15, cy: y, r: 3.5, fill: c.train })}/>`);
  out.push(text(x + 38, y + 5, 'train û, mean', { fill: c.axis }));
  x += 150;
  if (hasRepeats) {
    out.push(`<line ${attrs({ x1: x, x2: x + 30, y1: y, y2: y, stroke: c.repeat, 'stroke-width': 1.5 })}/>`);
    out.push(text(x + 38, y + 5, 'single repeats', { fill: c.axis }));
  }
  return out;
}

export interface PlotFrame {
  sx: (iteration: number) => number;
  sy: (value: number) => number;
  out: string[];
}

/** Grid, ticks, axes and axis titles of one panel; the scales map iterations and û to the page. */
export function plotFrame(offsetX: number, offsetY: number, domain: [number, number], lastIteration: number): PlotFrame {
  const c = FIGURE4_COLOURS;
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const x0 = offsetX + PANEL.left;
  const y0 = offsetY + PANEL.top;
  const last = Math.max(1, lastIteration);
  // Inset so markers at iteration 0 and at the last iteration are drawn whole, clear of the axis.
  const inset = 18;
  const sx = (iteration: number) => x0 + inset + ((plotW - 2 * inset) * iteration) / last;
  const sy = (value: number) => y0 + plotH - ((value - domain[0]) / (domain[1] - domain[0] || 1)) * plotH;
  const out: string[] = [];
  for (const tick of yTicks(domain)) {
    out.push(`<line ${attrs({ x1: x0, x2: x0 + plotW, y1: sy(tick), y2: sy(tick), stroke: c.grid, 'stroke-dasharray': '3 3' })}/>`);
    out.push(text(x0 - 8, sy(tick) + 5, pct(tick), { 'text-anchor': 'end', fill: c.axis }));
  }
  const xStep = Math.max(1, Math.ceil(last / 10));
  for (let iteration = 0; iteration <= last; iteration += xStep) {
    out.push(`<line ${attrs({ x1: sx(iteration), x2: sx(iteration), y1: y0 + plotH, y2: y0 + plotH + 5, stroke: c.axis })}/>`);
    out.push(text(sx(iteration), y0 + plotH + 22, String(iteration), { 'text-anchor': 'middle', fill: c.axis }));
  }
  out.push(`<line ${attrs({ x1: x0, x2: x0 + plotW, y1: y0 + plotH, y2: y0 + plotH, stroke: c.axis })}/>`);
  out.push(`<line ${attrs({ class: 'y-axis', x1: x0, x2: x0, y1: y0, y2: y0 + plotH, stroke: c.axis })}/>`);
  out.push(text(x0 + plotW / 2, y0 + plotH + 50, 'Iteration (0 = seed improver)', { 'text-anchor': 'middle', 'font-size': 15, fill: '#111' }));
  const yTitleX = offsetX + 22;
  const yTitleY = y0 + plotH / 2;
  out.push(text(yTitleX, yTitleY, 'Test meta-utility û', { 'text-anchor': 'middle', 'font-size': 15, fill: '#111', transform: `rotate(-90 ${yTitleX} ${yTitleY})` }));
  return { sx, sy, out };
}

export function bandPolygon(frame: PlotFrame, band: readonly { iteration: number; low: number; high: number }[], fill: string, className: string): string {
  if (band.length === 0) return '';
  const upper = band.map((b) => [frame.sx(b.iteration), frame.sy(b.high)]);
  const lower = band.map((b) => [frame.sx(b.iteration), frame.sy(b.low)]).reverse();
  return `<polygon ${attrs({ class: className, points: [...upper, ...lower].map(([x, y]) => `${x!.toFixed(2)},${y!.toFixed(2)}`).join(' '), fill, 'fill-opacity': 0.18 })}/>`;
}

export { polyline };

function panelSvg(panel: Figure4Panel, index: number, offsetX: number, offsetY: number, showTitle: boolean): string[] {
  const c = FIGURE4_COLOURS;
  const { rows, repeats, domain } = panel.data;
  const frame = plotFrame(offsetX, offsetY, domain, rows.length - 1);
  const { sx, sy } = frame;
  const out: string[] = [`<g ${attrs({ class: 'figure4-panel', 'data-panel': index, 'data-label': panel.label })}>`];
  if (showTitle) out.push(text(offsetX + PANEL.left + (PANEL.width - PANEL.left - PANEL.right) / 2, offsetY + 20, panel.label, { 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 600, fill: '#111' }));
  out.push(...frame.out);

  out.push(bandPolygon(frame, rows.filter((row) => row.testBand !== null).map((row) => ({ iteration: row.iteration, low: row.testBand![0], high: row.testBand![1] })), c.test, 'test-band'));
  for (const repeat of repeats) {
    const key = repeatKey(repeat);
    const points = rows.filter((row) => typeof row[key] === 'number').map((row) => [sx(row.iteration), sy(row[key] as number)] as [number, number]);
    out.push(polyline(points, { class: 'repeat-line', 'data-repeat': repeat, stroke: c.repeat, 'stroke-width': 1.5 }));
  }
  const trains = rows.filter((row) => row.trainMean !== null);
  out.push(polyline(trains.map((row) => [sx(row.iteration), sy(row.trainMean!)]), { class: 'train-mean', stroke: c.train, 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
  for (const row of trains) out.push(`<circle ${attrs({ class: 'train-point', 'data-iteration': row.iteration, 'data-value': String(row.trainMean), cx: sx(row.iteration), cy: sy(row.trainMean!), r: 3.5, fill: c.train })}/>`);
  const tests = rows.filter((row) => row.testMean !== null);
  out.push(polyline(tests.map((row) => [sx(row.iteration), sy(row.testMean!)]), { class: 'test-mean', stroke: c.test, 'stroke-width': 2.5 }));
  for (const row of tests) out.push(`<circle ${attrs({ class: 'test-point', 'data-iteration': row.iteration, 'data-value': String(row.testMean), cx: sx(row.iteration), cy: sy(row.testMean!), r: 4.5, fill: c.test, stroke: '#fff', 'stroke-width': 1 })}/>`);
  out.push('</g>');
  return out;
}

/** Panels side by side (at most 3 per row), one shared legend at the top. */
export function figure4Svg(title: string, panels: readonly Figure4Panel[]): string {
  const perRow = Math.min(3, Math.max(1, panels.length));
  const rowsOfPanels = Math.max(1, Math.ceil(panels.length / perRow));
  const width = PANEL.width * perRow;
  const height = HEADER + PANEL.height * rowsOfPanels;
  const body = [
    text(PANEL.left, 32, title, { 'font-size': 19, 'font-weight': 600, fill: '#111' }),
    ...legend(68, PANEL.left, panels.some((panel) => panel.data.repeats.length > 1)),
  ];
  panels.forEach((panel, index) => {
    body.push(...panelSvg(panel, index, (index % perRow) * PANEL.width, HEADER + Math.floor(index / perRow) * PANEL.height, panels.length > 1));
  });
  if (panels.length === 0) body.push(text(width / 2, HEADER + PANEL.height / 2, 'No measurements yet', { 'text-anchor': 'middle', fill: '#555' }));
  return svgDocument(width, height, title, body);
}

/** One line per panel and iteration: the mean and s.e. of test and train û, and each repeat's test û. */
export function figure4Csv(panels: readonly Figure4Panel[]): string {
  const repeats = [...new Set(panels.flatMap((panel) => panel.data.repeats))].sort((a, b) => a - b);
  const header = ['panel', 'iteration', 'test_mean', 'test_se', 'train_mean', 'train_se', 'repeats_measured', ...repeats.map((r) => `test_repeat_${r}`)];
  const rows: Cell[][] = panels.flatMap((panel) =>
    panel.data.rows.map((row) => [panel.label, row.iteration, row.testMean, row.testSe, row.trainMean, row.trainSe, row.n, ...repeats.map((r) => (row[repeatKey(r)] as number | null | undefined) ?? null)]),
  );
  return toCsv(header, rows);
}

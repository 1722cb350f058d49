import { describe, expect, it } from 'vitest';
import { figure4Data } from '@/lib/charts/figure4';
import { transferHeatmap } from '@/lib/charts/heatmap';
import { compareCsv, compareSvg } from './compare';
import { figure4Csv, figure4Svg } from './figure4';
import { pngScale, svgSize } from './png';
import { heatmapTable, sandboxStudyTable, transferTable } from './research-tables';
import { runFigureFile } from './run-exports';
import { fileStem } from './svg';
import { tableCsv, tableLatex, tableSvg, toCsv } from './table';

const points = [
  { repeat: 0, iteration: 0, train: 0.6, test: 0.58 },
  { repeat: 1, iteration: 0, train: 0.62, test: 0.6 },
  { repeat: 0, iteration: 1, train: 0.7, test: 0.66 },
  { repeat: 1, iteration: 1, train: 0.68, test: 0.7 },
  { repeat: 0, iteration: 2, train: 0.75, test: 0.72 },
];

function parseCsv(csv: string): string[][] {
  return csv.trim().split('\n').map((line) => line.split(','));
}

function testPoints(svg: string): { iteration: number; value: number; cx: number }[] {
  return [...svg.matchAll(/<circle class="test-point" data-iteration="(\d+)" data-value="([^"]+)" cx="([^"]+)"/g)].map((m) => ({ iteration: Number(m[1]), value: Number(m[2]), cx: Number(m[3]) }));
}

describe('figure 4 export', () => {
  const data = figure4Data(points, 2);
  const panels = [{ label: 'Run abc', data }];

  it('draws one marker per measured iteration, with the same values as the CSV', () => {
    const svg = figure4Svg('Figure 4', panels);
    const csv = parseCsv(figure4Csv(panels));
    expect(csv[0]!.slice(0, 3)).toEqual(['panel', 'iteration', 'test_mean']);
    const fromSvg = testPoints(svg);
    expect(fromSvg.map((p) => p.iteration)).toEqual([0, 1, 2]);
    for (const point of fromSvg) {
      const row = csv.find((line) => line[1] === String(point.iteration))!;
      expect(Number(row[2])).toBeCloseTo(point.value, 12);
    }
    expect(Number(csv[2]![2])).toBeCloseTo(0.68);
  });

  it('keeps iteration-0 markers clear of the y-axis and names both axes', () => {
    const svg = figure4Svg('Figure 4', panels);
    const axisX = Number(/<line class="y-axis" x1="([\d.]+)"/.exec(svg)![1]);
    expect(testPoints(svg)[0]!.cx - 4.5).toBeGreaterThan(axisX);
    expect(svg).toContain('Iteration (0 = seed improver)');
    expect(svg).toContain('Test meta-utility û');
    expect(svg).toContain('test û, mean ± 1 s.e.');
    expect(svg).toContain('class="test-band"');
    expect(svg.match(/class="repeat-line"/g)).toHaveLength(2);
  });

  it('escapes hostile labels', () => {
    const svg = figure4Svg('<script>alert(1)</script>', [{ label: 'a"b<c', data }, { label: 'x', data }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('a&quot;b&lt;c');
  });

  it('lays out several panels side by side and labels CSV rows by panel', () => {
    const three = ['A', 'B', 'C'].map((label) => ({ label, data }));
    expect(svgSize(figure4Svg('Panels', three)).width).toBe(3 * svgSize(figure4Svg('One', panels)).width);
    const csv = parseCsv(figure4Csv(three));
    expect(csv.slice(1).map((row) => row[0])).toEqual(['A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C']);
  });
});

describe('tables', () => {
  it('writes CSV with quoting and without spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', '=HYPERLINK("z")'], [1.5, null]])).toBe('a,b\n"x,y","\'=HYPERLINK(""z"")"\n1.5,\n');
  });

  it('writes booktabs LaTeX with special characters escaped', () => {
    const table = transferTable('Transfer 50% & more', [
      { task: 'string_grid', utility_seed: 0.4, meta_utility_baseline: 0.44, meta_utility_baseline_standard_error: 0.01, meta_utility_improver: 0.56, meta_utility_improver_standard_error: 0.02 },
      { task: 'maxcut', utility_seed: 0, meta_utility_baseline: 0.5, meta_utility_improver: 0.7 },
    ]);
    const latex = tableLatex(table);
    expect(latex).toContain('\\toprule');
    expect(latex).toContain('\\midrule');
    expect(latex).toContain('\\bottomrule');
    expect(latex).toContain('\\begin{tabular}{lrrrr}');
    expect(latex).toContain('\\caption{Transfer 50\\% \\& more}');
    expect(latex).toContain('string\\_grid & 40.0\\% & 44.0\\% $\\pm$ 2.0 & 56.0\\% $\\pm$ 3.9 & — \\\\');
    expect(latex).toContain('maxcut & 0.0\\% & 50.0\\% & 70.0\\% & 0.0\\% / 58.7\\% / 74.2\\% \\\\');
    expect(tableCsv(table).split('\n')[2]).toBe('maxcut,0.0%,50.0%,70.0%,0.0% / 58.7% / 74.2%');
  });

  it('draws tables and heatmaps as SVG with every cell', () => {
    const heatmap = transferHeatmap([{ id: 'r1', label: 'Run <1>', rows: [{ task: 'maxcut', meta_utility_baseline: 0.5, meta_utility_improver: 0.7 }] }]);
    const table = heatmapTable(heatmap);
    expect(table.rows).toEqual([['Run <1>', '+20.0 [+20.0, +20.0]']]);
    const svg = tableSvg(table);
    expect(svg).toContain('Run &lt;1&gt;');
    expect(svg).toMatch(/<rect [^>]*fill="hsl\(152/);
    const study = sandboxStudyTable('Study', { variants: [{ name: 'plain', n: 200, unsandboxed: 1, rate: 0.005, ci_low: 0.001, ci_high: 0.03 }], z: 0.5, p_value: 0.61 });
    expect(tableSvg(study)).toContain('No warning');
    expect(tableLatex(study)).toContain('1 / 200 & 0.50\\% & 0.10\\% – 3.00\\% \\\\');
  });
});

describe('png and names', () => {
  it('scales PNGs to at least 1600 px wide', () => {
    for (const width of [400, 640, 800, 1920]) expect(width * pngScale(width)).toBeGreaterThanOrEqual(1600);
  });
  it('makes safe file names', () => {
    expect(fileStem('Figure 4 — run ../../etc')).toBe('figure-4-run-etc');
    expect(fileStem('')).toBe('figure');
  });
});

describe('run exports', () => {
  const base = { id: 'run_1', title: 'My run', iterations: 2, result: null, improvers: points.map((p) => ({ repeat: p.repeat, iteration: p.iteration, trainMetaUtility: p.train, testMetaUtility: p.test })) };

  it('gives Figure 4 of a STOP run as SVG and CSV, and refuses what does not exist', () => {
    const svg = runFigureFile({ ...base, kind: 'stop' }, 'figure4', 'svg');
    expect(svg).toMatchObject({ ok: true, fileName: 'figure4-run_1.svg' });
    expect(svg.ok && svg.body).toContain('Figure 4 — My run (run_1)');
    const csv = runFigureFile({ ...base, kind: 'stop' }, 'figure4', 'csv');
    expect(csv.ok && csv.body.split('\n')).toHaveLength(5);
    expect(runFigureFile({ ...base, kind: 'stop' }, 'figure4', 'latex')).toMatchObject({ ok: false });
    expect(runFigureFile({ ...base, kind: 'transfer' }, 'figure4', 'svg')).toMatchObject({ ok: false });
    expect(runFigureFile({ ...base, kind: 'transfer' }, 'table', 'latex')).toMatchObject({ ok: false, message: expect.stringContaining('no finished result') });
  });

  it('gives the result table of a transfer run in LaTeX', () => {
    const result = { rows: [{ task: 'parity', utility_seed: 0.5, meta_utility_baseline: 0.6, meta_utility_improver: 0.8 }] };
    const latex = runFigureFile({ ...base, kind: 'transfer', result }, 'table', 'latex');
    expect(latex.ok && latex.body).toContain('parity & 50.0\\% & 60.0\\% & 80.0\\% & 50.0\\% / 59.3\\% / 81.7\\% \\\\');
  });
});

describe('comparison export', () => {
  it('draws each run with its band and the same means as the CSV', () => {
    const a = figure4Data(points, 2);
    const rows = a.rows.map((row) => ({ iteration: row.iteration, 'r1:mean': row.testMean, 'r1:band': row.testBand, 'r2:mean': row.iteration < 2 ? 0.5 : null, 'r2:band': null }));
    const runs = [{ runId: 'r1', label: 'A & B' }, { runId: 'r2', label: 'C' }];
    const svg = compareSvg('Compare', rows, runs, [0.4, 0.8]);
    expect(svg.match(/class="test-band"/g)).toHaveLength(1);
    expect(svg).toContain('A &amp; B (mean ± 1 s.e.)');
    expect(testPoints(svg)).toHaveLength(5);
    const csv = parseCsv(compareCsv(rows, runs));
    expect(csv).toHaveLength(7);
    expect(csv[4]).toEqual(['r2', 'C', '0', '0.5', '', '']);
  });
});

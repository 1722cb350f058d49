'use client';

import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { bandKey, meanKey, type CompareRow } from '@/lib/charts/compare';
import { yTicks } from '@/lib/charts/figure4';
import { domainWithReferences, type BaselineReference } from '@/lib/charts/baselines';
import { baselineLines } from './figure4-chart';
import { compareCsv, compareSvg } from '@/lib/figures/compare';
import { ExportButtons } from './export-buttons';

/** Distinguishable in light and dark themes; runs beyond the palette reuse it with dashes. */
const PALETTE = ['oklch(0.58 0.2 265)', 'oklch(0.65 0.16 160)', 'oklch(0.68 0.17 45)', 'oklch(0.6 0.2 15)', 'oklch(0.6 0.15 300)', 'oklch(0.65 0.12 210)'];

const pctTick = (value: number) => `${Math.round(value * 100)}%`;

/** Each run's colour as its band with its mean line through it, so the legend shows what the band is. */
function CompareLegend({ runs }: { runs: { runId: string; label: string }[] }) {
  return (
    <ul className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label="Legend">
      {runs.map((run, index) => {
        const color = PALETTE[index % PALETTE.length]!;
        return (
          <li key={run.runId} className="flex items-center gap-1.5">
            <svg width="26" height="14" aria-hidden="true"><rect width="26" height="14" fill={color} fillOpacity={0.18} /><line x1="0" x2="26" y1="7" y2="7" stroke={color} strokeWidth={2.25} strokeDasharray={index >= PALETTE.length ? '6 3' : undefined} /></svg>
            {run.label} (mean ± 1 s.e.)
          </li>
        );
      })}
    </ul>
  );
}

export function CompareChart({ rows, runs, domain: runsDomain, references = [] }: { rows: CompareRow[]; runs: { runId: string; label: string }[]; domain: [number, number]; references?: BaselineReference[] }) {
  const domain = domainWithReferences(runsDomain, references);
  return (
    <div data-testid="compare-chart" data-references={references.length}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <CompareLegend runs={runs} />
        <ExportButtons label="the comparison chart" source={{ name: 'comparison', svg: () => compareSvg('Test meta-utility per iteration', rows, runs, domain), csv: () => compareCsv(rows, runs) }} />
      </div>
      <ComposedChart responsive data={rows} style={{ width: '100%', height: 340 }} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="iteration" type="number" allowDecimals={false} padding={{ left: 10, right: 10 }} domain={[0, Math.max(1, rows.length - 1)]} tick={{ fill: 'var(--chart-axis)', fontSize: 12 }} stroke="var(--chart-grid)" height={36}
          label={{ value: 'Iteration (0 = seed improver)', position: 'insideBottom', offset: -4, fill: 'var(--chart-axis)', fontSize: 12 }} />
        <YAxis domain={domain} ticks={yTicks(domain)} tickFormatter={pctTick} tick={{ fill: 'var(--chart-axis)', fontSize: 12 }} stroke="var(--chart-grid)" width={64}
          label={{ value: 'Test meta-utility û', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' }, fill: 'var(--chart-axis)', fontSize: 12 }} />
        <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => pctTick(Number(v))).join('–') : `${(Number(value) * 100).toFixed(1)}%`)} labelFormatter={(label) => `Iteration ${label}`} />
        {runs.map((run, index) => {
          const color = PALETTE[index % PALETTE.length]!;
          return [
            <Area key={`${run.runId}-band`} dataKey={bandKey(run.runId)} stroke="none" fill={color} fillOpacity={0.12} isAnimationActive={false} connectNulls legendType="none" name={`${run.label} ± s.e.`} />,
            <Line key={`${run.runId}-mean`} dataKey={meanKey(run.runId)} name={run.label} stroke={color} strokeWidth={2.25} strokeDasharray={index >= PALETTE.length ? '6 3' : undefined} dot={{ r: 3 }} isAnimationActive={false} connectNulls />,
          ];
        })}
        {baselineLines(references)}
      </ComposedChart>
    </div>
  );
}

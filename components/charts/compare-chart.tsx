'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { bandKey, meanKey, type CompareRow } from '@/lib/charts/compare';
import { yTicks } from '@/lib/charts/figure4';
import { domainWithReferences, type BaselineReference } from '@/lib/charts/baselines';
import { baselineLines } from './figure4-chart';

/** Distinguishable in light and dark themes; runs beyond the palette reuse it with dashes. */
const PALETTE = ['oklch(0.58 0.2 265)', 'oklch(0.65 0.16 160)', 'oklch(0.68 0.17 45)', 'oklch(0.6 0.2 15)', 'oklch(0.6 0.15 300)', 'oklch(0.65 0.12 210)'];

const pctTick = (value: number) => `${Math.round(value * 100)}%`;

export function CompareChart({ rows, runs, domain: runsDomain, references = [] }: { rows: CompareRow[]; runs: { runId: string; label: string }[]; domain: [number, number]; references?: BaselineReference[] }) {
  const domain = domainWithReferences(runsDomain, references);
  return (
    <div data-testid="compare-chart" data-references={references.length}>
      <ComposedChart responsive data={rows} style={{ width: '100%', height: 340 }} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer>
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="iteration" type="number" allowDecimals={false} domain={[0, Math.max(1, rows.length - 1)]} tick={{ fill: 'var(--chart-axis)', fontSize: 12 }} stroke="var(--chart-grid)" height={36}
          label={{ value: 'iteration (0 = seed)', position: 'insideBottom', offset: -2, fill: 'var(--chart-axis)', fontSize: 11 }} />
        <YAxis domain={domain} ticks={yTicks(domain)} tickFormatter={pctTick} tick={{ fill: 'var(--chart-axis)', fontSize: 12 }} stroke="var(--chart-grid)" width={48} />
        <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => pctTick(Number(v))).join('–') : `${(Number(value) * 100).toFixed(1)}%`)} labelFormatter={(label) => `Iteration ${label}`} />
        <Legend verticalAlign="top" height={28} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
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

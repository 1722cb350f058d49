'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { domainWithReferences, type BaselineReference } from '@/lib/charts/baselines';
import type { Figure4Data, Figure4Row } from '@/lib/charts/figure4';
import { repeatKey, yTicks } from '@/lib/charts/figure4';

const pctTick = (value: number) => `${Math.round(value * 100)}%`;

function TooltipBody({ active, payload }: { active?: boolean; payload?: readonly { payload?: Figure4Row }[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const fmt = (v: number | null, se: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%${se ? ` ± ${(se * 100).toFixed(1)}` : ''}`);
  return (
    <div className="rounded-lg border border-zinc-200 bg-white/95 px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900/95">
      <div className="mb-1 font-semibold">{row.iteration === 0 ? 'Iteration 0 (seed)' : `Iteration ${row.iteration}`}</div>
      <div className="flex justify-between gap-4"><span style={{ color: 'var(--chart-test)' }}>test û</span><span className="tabular-nums">{fmt(row.testMean, row.testSe)}</span></div>
      <div className="flex justify-between gap-4"><span style={{ color: 'var(--chart-train)' }}>train û</span><span className="tabular-nums">{fmt(row.trainMean, row.trainSe)}</span></div>
      <div className="mt-1 text-zinc-500">{row.n} repeat{row.n === 1 ? '' : 's'} measured</div>
    </div>
  );
}

/** Baselines of the same task and model as dotted horizontal lines, labelled with their value. */
export function baselineLines(references: readonly BaselineReference[]) {
  return references.map((reference) => (
    <ReferenceLine
      key={reference.runId}
      y={reference.value}
      stroke="var(--chart-axis)"
      strokeDasharray="2 3"
      className="baseline-reference"
      label={{ value: `${reference.label} ${(reference.value * 100).toFixed(1)}%`, position: 'insideTopRight', fill: 'var(--chart-axis)', fontSize: 11 }}
    />
  ));
}

/**
 * Figure 4 of the paper: test meta-utility per iteration, mean ± 1 standard error over repeats (band),
 * each repeat as a faint line, training meta-utility dashed. Falling curves are shown as they are.
 */
export function Figure4Chart({ data, height = 300, references = [] }: { data: Figure4Data; height?: number; references?: BaselineReference[] }) {
  const domain = domainWithReferences(data.domain, references);
  const empty = data.rows.every((row) => row.testMean === null && row.trainMean === null);
  return (
    <div className="relative" data-testid="figure4-chart" data-points={data.rows.filter((row) => row.testMean !== null).length} data-references={references.length}>
      {empty && (
        <div className="absolute inset-0 z-10 grid place-items-center text-sm text-zinc-500">
          Waiting for the first meta-utility measurement…
        </div>
      )}
      <ComposedChart responsive data={data.rows} style={{ width: '100%', height }} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer>
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="iteration"
          type="number"
          domain={[0, Math.max(1, data.rows.length - 1)]}
          allowDecimals={false}
          tick={{ fill: 'var(--chart-axis)', fontSize: 12 }}
          stroke="var(--chart-grid)"
          label={{ value: 'iteration (0 = seed)', position: 'insideBottom', offset: -2, fill: 'var(--chart-axis)', fontSize: 11 }}
          height={36}
        />
        <YAxis domain={domain} ticks={yTicks(domain)} tickFormatter={pctTick} tick={{ fill: 'var(--chart-axis)', fontSize: 12 }} stroke="var(--chart-grid)" width={48} />
        <Tooltip content={TooltipBody} />
        <Legend verticalAlign="top" height={28} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
        <Area dataKey="testBand" name="test ± 1 s.e." stroke="none" fill="var(--chart-test)" fillOpacity={0.14} isAnimationActive={false} connectNulls legendType="square" />
        {data.repeats.map((repeat) => (
          <Line
            key={repeat}
            dataKey={repeatKey(repeat)}
            name={`repeat ${repeat}`}
            stroke="var(--chart-repeat)"
            strokeWidth={1}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
            connectNulls
            legendType="none"
          />
        ))}
        <Line dataKey="trainMean" name="train û (mean)" stroke="var(--chart-train)" strokeDasharray="5 4" strokeWidth={1.75} dot={{ r: 2.5 }} isAnimationActive={false} connectNulls />
        <Line dataKey="testMean" name="test û (mean)" stroke="var(--chart-test)" strokeWidth={2.5} dot={{ r: 3.5, className: 'figure4-point' }} isAnimationActive={false} connectNulls />
        {baselineLines(references)}
      </ComposedChart>
    </div>
  );
}

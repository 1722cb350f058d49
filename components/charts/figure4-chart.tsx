'use client';

import { useSyncExternalStore } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { domainWithReferences, type BaselineReference } from '@/lib/charts/baselines';
import type { Figure4Data, Figure4Row } from '@/lib/charts/figure4';
import { repeatKey, yTicks } from '@/lib/charts/figure4';
import { figure4Csv, figure4Svg } from '@/lib/figures/figure4';
import { fileStem } from '@/lib/figures/svg';
import { ExportButtons } from './export-buttons';
import { Figure4Static } from './figure4-static';

const noSubscription = () => () => undefined;

/** False on the server and while hydrating, true once the page runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

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

/** The legend drawn as HTML so the band shows as a band (a filled swatch with the mean line through it). */
function Figure4Legend({ repeats }: { repeats: number }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label="Legend">
      <li className="flex items-center gap-1.5">
        <svg width="26" height="14" aria-hidden="true"><rect width="26" height="14" fill="var(--chart-test)" fillOpacity={0.18} /><line x1="0" x2="26" y1="7" y2="7" stroke="var(--chart-test)" strokeWidth={2.5} /><circle cx="13" cy="7" r="3" fill="var(--chart-test)" /></svg>
        test û, mean ± 1 s.e.
      </li>
      <li className="flex items-center gap-1.5">
        <svg width="26" height="14" aria-hidden="true"><line x1="0" x2="26" y1="7" y2="7" stroke="var(--chart-train)" strokeWidth={1.75} strokeDasharray="5 4" /></svg>
        train û, mean
      </li>
      {repeats > 1 && (
        <li className="flex items-center gap-1.5">
          <svg width="26" height="14" aria-hidden="true"><line x1="0" x2="26" y1="7" y2="7" stroke="var(--chart-test)" strokeOpacity={0.45} strokeWidth={1.5} /></svg>
          single repeats
        </li>
      )}
    </ul>
  );
}

/**
 * Figure 4 of the paper: test meta-utility per iteration, mean ± 1 standard error over repeats (band),
 * each repeat as a faint line, training meta-utility dashed. Falling curves are shown as they are.
 */
export function Figure4Chart({ data, height = 300, title = 'Figure 4', references = [] }: { data: Figure4Data; height?: number; title?: string; references?: BaselineReference[] }) {
  const domain = domainWithReferences(data.domain, references);
  const empty = data.rows.every((row) => row.testMean === null && row.trainMean === null);
  const panels = [{ label: title, data }];
  const hydrated = useHydrated();
  return (
    <div className="relative" data-testid="figure4-chart" data-points={data.rows.filter((row) => row.testMean !== null).length} data-references={references.length}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <Figure4Legend repeats={data.repeats.length} />
        {!empty && <ExportButtons label={title} source={{ name: fileStem(title), svg: () => figure4Svg(title, panels), csv: () => figure4Csv(panels) }} />}
      </div>
      {empty && (
        <div className="absolute inset-0 z-10 grid place-items-center text-sm text-zinc-500">
          Waiting for the first meta-utility measurement…
        </div>
      )}
      {!hydrated ? (
        <Figure4Static data={data} domain={domain} height={height} references={references} />
      ) : (
        <ComposedChart responsive data={data.rows} style={{ width: '100%', height }} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="iteration"
            type="number"
            domain={[0, Math.max(1, data.rows.length - 1)]}
            allowDecimals={false}
            padding={{ left: 10, right: 10 }}
            tick={{ fill: 'var(--chart-axis)', fontSize: 12 }}
            stroke="var(--chart-grid)"
            label={{ value: 'Iteration (0 = seed improver)', position: 'insideBottom', offset: -4, fill: 'var(--chart-axis)', fontSize: 12 }}
            height={40}
          />
          <YAxis domain={domain} ticks={yTicks(domain)} tickFormatter={pctTick} tick={{ fill: 'var(--chart-axis)', fontSize: 12 }} stroke="var(--chart-grid)" width={64}
            label={{ value: 'Test meta-utility û', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' }, fill: 'var(--chart-axis)', fontSize: 12 }} />
          <Tooltip content={TooltipBody} />
          <Area dataKey="testBand" name="test ± 1 s.e." stroke="none" fill="var(--chart-test)" fillOpacity={0.14} isAnimationActive={false} connectNulls legendType="square" />
          {data.repeats.map((repeat) => (
            <Line
              key={repeat}
              dataKey={repeatKey(repeat)}
              name={`repeat ${repeat}`}
              stroke="var(--chart-test)"
              strokeOpacity={0.4}
              strokeWidth={1.5}
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
      )}
    </div>
  );
}

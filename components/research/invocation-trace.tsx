import { Link } from '@/components/ui/link';
import { PythonEditor } from '@/components/editor/lazy';
import { Badge } from '@/components/ui/badge';
import { count, ms, pct, usd } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { Stat } from '@/components/ui/stat';
import { scoreChart, type TraceData, type TraceEntry } from '@/lib/charts/trace';

export interface InvocationTraceProps {
  label: string;
  trace: TraceData;
  returned: string | null;
  selected: { index: number; programHash: string; code: string | null; source: string } | null;
  /** Link to this trace with utility call `index` selected. */
  callHref: (index: number) => string;
}

const CHART_W = 360;
const CHART_H = 96;
/** Room left of the plot for the percentage labels, so none is clipped by the chart's edge. */
const GUTTER = 34;

function BestSoFarChart({ trace }: { trace: TraceData }) {
  const chart = scoreChart(trace.bestSoFar, trace.scores, CHART_W, CHART_H);
  if (chart.points.length === 0) return <p className="text-sm text-zinc-500">No scored utility calls.</p>;
  const width = CHART_W + GUTTER;
  return (
    <svg width={width} height={CHART_H} viewBox={`0 0 ${width} ${CHART_H}`} role="img" aria-label={`Best score so far: ${pct(trace.bestSoFar.at(-1) ?? null)} after ${trace.scores.length} utility calls`} className="max-w-full rounded-lg border border-zinc-100 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900" data-testid="best-so-far-chart">
      {[0, 0.5, 1].map((level) => {
        const y = 6 + (1 - level) * (CHART_H - 12);
        return (
          <g key={level}>
            <line x1={GUTTER + 6} x2={width - 6} y1={y} y2={y} className="stroke-zinc-200 dark:stroke-zinc-700" strokeDasharray="2 3" />
            <text x={GUTTER - 2} y={y} textAnchor="end" dominantBaseline="middle" className="fill-zinc-600 text-[10px] dark:fill-zinc-300">{level * 100}%</text>
          </g>
        );
      })}
      <g transform={`translate(${GUTTER} 0)`}>
        {chart.points.map((point) => (
          <circle key={point.index} cx={point.x} cy={point.y} r={2.5} className="fill-zinc-500"><title>{`call ${point.index}: ${pct(point.score)}`}</title></circle>
        ))}
        <path d={chart.bestPath} fill="none" className="stroke-emerald-600" strokeWidth={2} strokeLinejoin="round" />
      </g>
    </svg>
  );
}

function Entry({ entry, selectedIndex, callHref }: { entry: TraceEntry; selectedIndex: number | null; callHref: (index: number) => string }) {
  const at = entry.atMs === null ? '' : ms(entry.atMs);
  switch (entry.kind) {
    case 'lm':
      return (
        <li className="grid grid-cols-[5rem_1fr] gap-3 py-2" data-kind="lm">
          <span className="text-xs tabular-nums text-zinc-500">{at}</span>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone="info">LM call {entry.index}</Badge>
              <span className="tabular-nums">n = {entry.n}</span>
              <span className="tabular-nums">T = {entry.temperature ?? '—'}</span>
              <span className="tabular-nums">{ms(entry.latencyMs)}</span>
              <span className="tabular-nums text-zinc-500">{count(entry.promptTokens)} in · {count(entry.completionTokens)} out{entry.costUsd ? ` · ${usd(entry.costUsd)}` : ''}</span>
              {entry.retries > 0 && <Badge tone="warning">{entry.retries} retries</Badge>}
              {entry.error && <Badge tone="danger">{entry.error}</Badge>}
            </div>
            <p className="mt-0.5 truncate text-xs text-zinc-500" title={entry.promptSummary}>{entry.promptSummary || '(empty prompt)'}</p>
          </div>
        </li>
      );
    case 'utility':
      return (
        <li className={`grid grid-cols-[5rem_1fr] gap-3 py-2 ${selectedIndex === entry.index ? 'bg-accent-50 dark:bg-accent-500/10' : ''}`} data-kind="utility">
          <span className="text-xs tabular-nums text-zinc-500">{at}</span>
          <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
            <Link href={callHref(entry.index)} scroll={false} className="font-medium text-accent-700 hover:underline dark:text-accent-300" aria-label={`Utility call ${entry.index}: program ${entry.programHash.slice(0, 8)}`}>
              Utility call {entry.index}
            </Link>
            <span className="font-mono text-xs text-zinc-500">{entry.programHash.slice(0, 10)}</span>
            <span className="tabular-nums font-medium">{entry.error ? '' : pct(entry.score)}</span>
            {entry.improved && <Badge tone="success">new best</Badge>}
            <Badge tone={entry.cached ? 'neutral' : 'accent'}>{entry.cached ? 'cached' : 'evaluated'}</Badge>
            <span className="tabular-nums text-zinc-500">{ms(entry.durationMs)}</span>
            {entry.error && <Badge tone="danger">{entry.error}</Badge>}
          </div>
        </li>
      );
    case 'circumvention':
      return (
        <li className="grid grid-cols-[5rem_1fr] gap-3 py-2" data-kind="circumvention">
          <span />
          <div className="text-sm"><Badge tone="warning">circumvention: {entry.title}</Badge> <span className="text-zinc-600 dark:text-zinc-400">{entry.line !== null ? `line ${entry.line}: ` : ''}{entry.detail}</span></div>
        </li>
      );
    case 'error':
      return (
        <li className="grid grid-cols-[5rem_1fr] gap-3 py-2" data-kind="error">
          <span />
          <div className="text-sm"><Badge tone="danger">error: {entry.title}</Badge> <span className="text-zinc-600 dark:text-zinc-400">{entry.detail}</span></div>
        </li>
      );
    case 'returned':
      return (
        <li className="grid grid-cols-[5rem_1fr] gap-3 py-2" data-kind="returned">
          <span className="text-xs tabular-nums text-zinc-500">{at}</span>
          <div className="text-sm">
            <Badge tone="success">returned</Badge>{' '}
            {entry.programHash ? <span className="font-mono text-xs">{entry.programHash.slice(0, 10)}</span> : 'nothing (the invocation failed)'}
            {entry.unchanged && <span className="ml-2 text-amber-700 dark:text-amber-300">its input, unchanged</span>}
          </div>
        </li>
      );
  }
}

/** What one improver invocation did, in order: model calls, utility calls, problems, the result. */
export function InvocationTrace({ label, trace, returned, selected, callHref }: InvocationTraceProps) {
  return (
    <div className="space-y-6" data-testid="invocation-trace">
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <dl className="grid flex-1 grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="LM calls" value={count(trace.totals.lmCalls)} hint={`${count(trace.totals.tokens)} tokens · ${ms(trace.totals.latencyMs)}`} />
          <Stat label="Utility calls" value={count(trace.totals.utilityCalls)} hint={`${trace.totals.cachedUtilityCalls} cached · ${ms(trace.totals.evaluationMs)}`} />
          <Stat label="Best score" value={pct(trace.bestSoFar.at(-1) ?? null)} />
          <Stat label="Cost" value={usd(trace.totals.costUsd)} />
        </dl>
        <div>
          <div className="mb-1 text-[11px] font-medium uppercase tracking-wider text-zinc-500">Best score so far (line) and each call (dots)</div>
          <BestSoFarChart trace={trace} />
        </div>
      </div>
      {!trace.utilityRecorded && <Notice tone="info" title="Utility calls not recorded">This invocation was stored before the host kept a record of utility calls; its LM calls and result are shown.</Notice>}
      <div className="grid gap-6 xl:grid-cols-2">
        <div className="min-w-0">
          <h3 className="mb-2 text-sm font-semibold">{label}</h3>
          <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Timeline">
            {trace.entries.map((entry, index) => (
              <Entry key={index} entry={entry} selectedIndex={selected?.index ?? null} callHref={callHref} />
            ))}
          </ol>
        </div>
        <div className="min-w-0 space-y-3">
          {selected ? (
            <div data-testid="trace-program">
              <h3 className="text-sm font-semibold">Program of utility call {selected.index}</h3>
              <p className="mb-2 text-xs text-zinc-500">{selected.source} · <span className="font-mono">{selected.programHash.slice(0, 12)}</span></p>
              {selected.code !== null ? <PythonEditor value={selected.code} readOnly height={420} ariaLabel={`Program of utility call ${selected.index}`} /> : <Notice tone="warning">The program is not in this run’s records.</Notice>}
            </div>
          ) : (
            <div>
              <h3 className="text-sm font-semibold">Returned program</h3>
              <p className="mb-2 text-xs text-zinc-500">Click a utility call for the program it scored.</p>
              {returned !== null ? <PythonEditor value={returned} readOnly height={420} ariaLabel="Returned program" /> : <p className="text-sm text-zinc-500">Nothing was returned.</p>}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

'use client';

import { Link } from '@/components/ui/link';
import { useMemo, useState } from 'react';
import { DiffView, PythonEditor } from '@/components/editor/lazy';
import { StrategyTags } from '@/components/runs/strategy-tags';
import { pct, pctPm } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { CHAIN_Y, COLUMN_WIDTH, MARGIN_X, type LineageData, type LineageLane, type LineageNode } from '@/lib/charts/lineage';
import { strategyLabel } from '@/lib/strategy-tags';
import { useProgram } from './use-program';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const CHAIN_R = 15;
const CANDIDATE_R = 9;

function candidateFill(node: LineageNode): string {
  if (node.train === null) return 'hsl(350 70% 60%)';
  return `hsl(152 ${Math.round(30 + 45 * node.train)}% ${Math.round(82 - 45 * node.train)}%)`;
}

function nodeLabel(node: LineageNode): string {
  const what = node.kind === 'candidate' ? `Candidate #${node.candidateId}` : node.kind === 'seed' ? 'Seed improver' : `Improver I${node.iteration}${node.kind === 'kept' ? ' (kept its parent)' : ''}`;
  const scores = node.train === null ? (node.error ?? 'no score') : `training û ${pct(node.train)}${node.test !== null ? `, test û ${pct(node.test)}` : ''}`;
  const status = node.kind === 'candidate' ? (node.chosen ? ', adopted' : ', not adopted') : '';
  return `${what}, repeat ${node.repeat}, iteration ${node.iteration}: ${scores}${status}${node.tags.length ? `; ${node.tags.map(strategyLabel).join(', ')}` : ''}`;
}

/** What a chain node shows as text; its accessible name starts with it (so speech input can name it). */
function visibleText(node: LineageNode): string {
  return [`I${node.iteration}`, `${pct(node.train)} train`, node.test !== null ? `${pct(node.test)} test` : '', node.tags.slice(0, 2).map(strategyLabel).join(' · ')].filter(Boolean).join(' ');
}

function Lane({ lane, width, zoom, selected, onSelect }: { lane: LineageLane; width: number; zoom: number; selected: string | null; onSelect: (node: LineageNode) => void }) {
  const byKey = useMemo(() => new Map(lane.nodes.map((node) => [node.key, node])), [lane.nodes]);
  return (
    <svg width={width * zoom} height={lane.height * zoom} viewBox={`0 0 ${width} ${lane.height}`} role="group" aria-label={`Lineage of repeat ${lane.repeat}`} className="block">
      {lane.edges.map((edge) => {
        const from = byKey.get(edge.from);
        const to = byKey.get(edge.to);
        if (!from || !to) return null;
        const chosen = to.chosen;
        const midX = (from.x + to.x) / 2;
        return (
          <path
            key={`${edge.from}-${edge.to}`}
            d={`M${from.x} ${from.y} C${midX} ${from.y} ${midX} ${to.y} ${to.x} ${to.y}`}
            fill="none"
            className={edge.chain ? 'stroke-accent-500' : chosen ? 'stroke-emerald-500' : 'stroke-zinc-300 dark:stroke-zinc-700'}
            strokeWidth={edge.chain ? 2.5 : chosen ? 2 : 0.75}
            strokeOpacity={edge.chain || chosen ? 1 : 0.5}
          />
        );
      })}
      {lane.nodes.map((node) => {
        const isSelected = node.key === selected;
        const common = {
          role: 'button',
          tabIndex: 0,
          'aria-label': node.kind === 'candidate' ? nodeLabel(node) : `${visibleText(node)} — ${nodeLabel(node)}`,
          'aria-pressed': isSelected,
          'data-node': node.key,
          onClick: () => onSelect(node),
          onKeyDown: (event: React.KeyboardEvent) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onSelect(node);
            }
          },
          className: 'cursor-pointer outline-none focus-visible:[&>circle]:stroke-sky-500',
        } as const;
        if (node.kind === 'candidate') {
          return (
            <g key={node.key} {...common} opacity={node.faded ? 0.4 : 1}>
              <title>{nodeLabel(node)}</title>
              <circle cx={node.x} cy={node.y} r={CANDIDATE_R} fill={candidateFill(node)} className={node.chosen ? 'stroke-emerald-600' : isSelected ? 'stroke-sky-500' : 'stroke-white dark:stroke-zinc-900'} strokeWidth={node.chosen || isSelected ? 3 : 1} />
              {node.tags.length > 0 && <circle cx={node.x + 6} cy={node.y - 6} r={3} className="fill-accent-500" />}
            </g>
          );
        }
        return (
          <g key={node.key} {...common}>
            <title>{nodeLabel(node)}</title>
            <circle
              cx={node.x}
              cy={node.y}
              r={CHAIN_R}
              className={`${node.kind === 'adopted' ? 'fill-accent-600' : node.kind === 'seed' ? 'fill-zinc-600' : 'fill-white dark:fill-zinc-900'} ${isSelected ? 'stroke-sky-500' : 'stroke-accent-600'}`}
              strokeWidth={isSelected ? 4 : 2}
              strokeDasharray={node.kind === 'kept' ? '4 3' : undefined}
            />
            <text x={node.x} y={node.y + 4} textAnchor="middle" className={`text-[11px] font-semibold ${node.kind === 'kept' ? 'fill-zinc-700 dark:fill-zinc-200' : 'fill-white'}`}>
              I{node.iteration}
            </text>
            <text x={node.x + CHAIN_R + 5} y={node.y - 3} className="fill-zinc-700 text-[11px] dark:fill-zinc-300">
              {pct(node.train)} train
            </text>
            <text x={node.x + CHAIN_R + 5} y={node.y + 10} className="fill-zinc-600 text-[10px] dark:fill-zinc-400">
              {node.test !== null ? `${pct(node.test)} test` : ''}
            </text>
            {node.tags.length > 0 && (
              <text x={node.x - CHAIN_R} y={CHAIN_Y + CHAIN_R + 13} className="fill-accent-700 text-[9px] dark:fill-accent-300">
                {node.tags.slice(0, 2).map(strategyLabel).join(' · ')}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function CodePanel({ node, shareToken, traceBase, traceHref }: { node: LineageNode; shareToken?: string; traceBase: string; traceHref: (stepKey: string) => string }) {
  const own = useProgram(node.candidateId !== null ? { kind: 'candidate', id: node.candidateId } : node.improverId !== null ? { kind: 'improver', id: node.improverId } : null, shareToken);
  const parent = useProgram(node.parentImproverId !== null ? { kind: 'improver', id: node.parentImproverId } : null, shareToken);
  const [view, setView] = useState<'diff' | 'code'>(node.parentImproverId !== null ? 'diff' : 'code');
  const showDiff = view === 'diff' && parent !== null;
  const improveStep = `r${node.repeat}/t${node.iteration}/improve`;
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid="lineage-node">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <strong>{nodeLabel(node).split(':')[0]}</strong>
        <span className="tabular-nums">training û {pct(node.train)}</span>
        {node.test !== null && <span className="tabular-nums">test û {pctPm(node.test, node.testSe)}</span>}
        {node.kind === 'candidate' && <span className={node.chosen ? 'font-medium text-emerald-700 dark:text-emerald-400' : 'text-zinc-500'}>{node.chosen ? 'adopted' : 'not adopted'}</span>}
        {node.error && <span className="text-rose-600 dark:text-rose-400">{node.error}</span>}
        <StrategyTags tags={node.tags} />
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {node.parentImproverId !== null && (
          <div role="tablist" aria-label="Show" className="inline-flex overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-700">
            {(['diff', 'code'] as const).map((option) => (
              <button key={option} type="button" role="tab" aria-selected={view === option} onClick={() => setView(option)} className={`px-3 py-1 ${view === option ? 'bg-accent-600 text-white' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800'}`}>
                {option === 'diff' ? 'Diff against parent' : 'Code'}
              </button>
            ))}
          </div>
        )}
        {node.iteration > 0 && (
          <Link href={traceHref(improveStep)} className="text-accent-600 hover:underline dark:text-accent-300">
            Trace of the step that proposed it
          </Link>
        )}
        <Link href={`${traceBase}${traceBase.includes('?') ? '&' : '?'}prefix=${encodeURIComponent(`r${node.repeat}/inv/${node.codeHash}/`)}`} className="text-accent-600 hover:underline dark:text-accent-300">
          Traces of its downstream copies
        </Link>
      </div>
      {own?.status === 'error' && <Notice tone="error" title="The code could not be loaded">{own.error}</Notice>}
      {parent?.status === 'error' && showDiff && <Notice tone="error" title="The parent could not be loaded">{parent.error}</Notice>}
      {own?.status === 'ready' && (!showDiff || parent?.status === 'ready') ? (
        showDiff && parent?.status === 'ready' ? (
          <DiffView original={parent.code} modified={own.code} height={480} />
        ) : (
          <PythonEditor value={own.code} readOnly height={480} ariaLabel="Code of the chosen node" />
        )
      ) : (
        own?.status !== 'error' && <div className="h-[480px] animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800/50" role="status" aria-label="Loading the code" />
      )}
    </div>
  );
}

/** The improver lineage of a run: one lane per repeat, zoomable and collapsible; click a node for its code. */
export function LineageView({ data, shareToken, traceBase }: { data: LineageData; shareToken?: string; traceBase: string }) {
  const [zoom, setZoom] = useState(1);
  const [selected, setSelected] = useState<LineageNode | null>(null);
  const total = data.lanes.reduce((sum, lane) => sum + lane.nodes.length, 0);
  const traceHref = (stepKey: string) => `${traceBase}${traceBase.includes('?') ? '&' : '?'}step=${encodeURIComponent(stepKey)}`;
  if (data.lanes.length === 0) return <p className="text-sm text-zinc-500">No improvers recorded yet.</p>;
  return (
    <div className="space-y-4" data-testid="lineage">
      <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="inline-flex items-center gap-1"><svg width="14" height="14" aria-hidden><circle cx="7" cy="7" r="6" className="fill-accent-600" /></svg> adopted improver</span>
        <span className="inline-flex items-center gap-1"><svg width="14" height="14" aria-hidden><circle cx="7" cy="7" r="6" className="fill-white stroke-accent-600" strokeDasharray="3 2" strokeWidth="1.5" /></svg> parent kept</span>
        <span className="inline-flex items-center gap-1"><svg width="14" height="14" aria-hidden><circle cx="7" cy="7" r="5" fill="hsl(152 60% 50%)" className="stroke-emerald-600" strokeWidth="2.5" /></svg> candidate that was adopted</span>
        <span className="inline-flex items-center gap-1"><svg width="14" height="14" aria-hidden className="opacity-60"><circle cx="7" cy="7" r="5" fill="hsl(152 50% 65%)" /></svg> rejected candidate (darker = higher training û)</span>
        <span className="inline-flex items-center gap-1"><svg width="14" height="14" aria-hidden><circle cx="7" cy="7" r="5" fill="hsl(350 70% 60%)" /></svg> failed</span>
        <span className="inline-flex items-center gap-1"><svg width="8" height="8" aria-hidden><circle cx="4" cy="4" r="3" className="fill-accent-500" /></svg> has strategy tags</span>
        <span className="ml-auto inline-flex items-center gap-1" role="group" aria-label="Zoom">
          <button type="button" className="rounded border border-zinc-300 px-2 py-0.5 disabled:opacity-40 dark:border-zinc-700" onClick={() => setZoom((z) => ZOOMS[Math.max(0, ZOOMS.indexOf(z) - 1)]!)} disabled={zoom === ZOOMS[0]} aria-label="Zoom out">−</button>
          <span className="w-12 text-center tabular-nums" aria-live="polite">{Math.round(zoom * 100)}%</span>
          <button type="button" className="rounded border border-zinc-300 px-2 py-0.5 disabled:opacity-40 dark:border-zinc-700" onClick={() => setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + 1)]!)} disabled={zoom === ZOOMS.at(-1)} aria-label="Zoom in">+</button>
        </span>
      </div>
      <div className="max-h-[720px] overflow-auto rounded-lg border border-zinc-100 dark:border-zinc-800" tabIndex={0} role="region" aria-label="Lineage lanes (scrollable)">
        <div className="flex gap-0 border-b border-zinc-100 bg-zinc-50 text-[11px] font-medium uppercase tracking-wider text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900" style={{ width: data.width * zoom, paddingLeft: MARGIN_X * zoom }}>
          {Array.from({ length: data.iterations + 1 }, (_, iteration) => (
            <div key={iteration} style={{ width: COLUMN_WIDTH * zoom }} className="py-1.5">
              {iteration === 0 ? 'seed' : `iteration ${iteration}`}
            </div>
          ))}
        </div>
        {data.lanes.map((lane, index) => (
          <details key={lane.repeat} open={total < 1_000 || index === 0} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
            <summary className="cursor-pointer px-3 py-1.5 text-xs text-zinc-600 hover:bg-zinc-50 dark:text-zinc-400 dark:hover:bg-zinc-800/50">
              Repeat {lane.repeat} · {lane.candidates} candidates · {lane.adoptions} adopted
            </summary>
            <Lane lane={lane} width={data.width} zoom={zoom} selected={selected?.key ?? null} onSelect={setSelected} />
          </details>
        ))}
      </div>
      {selected ? <CodePanel key={selected.key} node={selected} shareToken={shareToken} traceBase={traceBase} traceHref={traceHref} /> : <p className="text-sm text-zinc-500">Click a node for its code, its diff against its parent and its scores.</p>}
    </div>
  );
}

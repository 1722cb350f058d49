import { Link } from '@/components/ui/link';
import { DiffView } from '@/components/editor/lazy';
import { StrategyTags } from '@/components/runs/strategy-tags';
import { pct } from '@/components/ui/format';
import type { ImproverView, RunView } from '@/lib/runs/views';
import { mergeStrategyTags } from '@/lib/strategy-tags';

export interface ImproverSide {
  improver: ImproverView;
  run: RunView;
}

/** A program that is no run's improver: a stock seed, or the seed a run was launched with. */
export interface ProgramSide {
  title: string;
  detail: string;
  code: string;
  runId?: string;
}

export type DiffSide = ImproverSide | ProgramSide;

const codeOf = (side: DiffSide) => ('improver' in side ? side.improver.code : side.code);

function SideHeader({ side, label, runHref }: { side: DiffSide; label: string; runHref?: (runId: string) => string }) {
  if (!('improver' in side)) {
    const href = side.runId ? runHref?.(side.runId) : undefined;
    return (
      <div className="min-w-0 rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60" data-testid={`diff-side-${label}`}>
        <div className="text-[11px] font-medium uppercase tracking-wider text-zinc-500">{label === 'a' ? 'Original' : 'Modified'}</div>
        <div className="mt-0.5 truncate font-medium">
          {href ? <Link href={href} className="hover:text-accent-600 dark:hover:text-accent-300">{side.title}</Link> : side.title}
        </div>
        <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{side.detail}</div>
      </div>
    );
  }
  const { improver, run } = side;
  const href = runHref?.(run.id);
  return (
    <div className="min-w-0 rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60" data-testid={`diff-side-${label}`}>
      <div className="text-[11px] font-medium uppercase tracking-wider text-zinc-500">{label === 'a' ? 'Original' : 'Modified'}</div>
      <div className="mt-0.5 truncate font-medium">
        {href ? <Link href={href} className="hover:text-accent-600 dark:hover:text-accent-300">{run.title || run.id}</Link> : run.title || run.id}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>repeat {improver.repeat} · iteration {improver.iteration}{improver.iteration === 0 ? ' (seed)' : ''}</span>
        <span className="tabular-nums">test û <strong>{pct(improver.testMetaUtility)}</strong></span>
        <span className="tabular-nums text-zinc-500">train û {pct(improver.trainMetaUtility)}</span>
      </div>
      <div className="mt-2"><StrategyTags tags={mergeStrategyTags(improver.strategyTags, improver.code)} /></div>
    </div>
  );
}

/** Two improvers (or programs) with their scores, and their code side by side. */
export function DiffBody({ a, b, runHref }: { a: DiffSide; b: DiffSide; runHref?: (runId: string) => string }) {
  const before = 'improver' in a ? a.improver.testMetaUtility : null;
  const after = 'improver' in b ? b.improver.testMetaUtility : null;
  const delta = before !== null && after !== null ? after - before : null;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <SideHeader side={a} label="a" runHref={runHref} />
        <SideHeader side={b} label="b" runHref={runHref} />
      </div>
      {delta !== null && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Test meta-utility change: <strong className={delta > 0 ? 'text-emerald-600 dark:text-emerald-400' : delta < 0 ? 'text-rose-600 dark:text-rose-400' : ''}>{delta >= 0 ? '+' : '−'}{(Math.abs(delta) * 100).toFixed(1)} points</strong>
        </p>
      )}
      <DiffView original={codeOf(a)} modified={codeOf(b)} />
    </div>
  );
}

import { StatusBadge } from '@/components/ui/badge';
import { count, ms, pct, usd } from '@/components/ui/format';
import { Stat } from '@/components/ui/stat';
import { progress, workloadOf, type RunViewState } from '@/lib/runs/view-state';
import { ProgressBar } from './progress-bar';
import type { StreamStatus } from './use-run-events';
import { RUN_STATUS } from '@/lib/runs/status';

const STREAM_LABEL: Record<StreamStatus, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  ended: 'complete',
  failed: 'stream closed',
};

/** Status, progress and the running totals of a run. */
export function LiveSummary({ state, stream, showProgress = true }: { state: RunViewState; stream: StreamStatus; showProgress?: boolean }) {
  const p = progress(state);
  const workload = workloadOf(state);
  const where = state.current ? `repeat ${state.current.repeat + 1}${state.repeats ? `/${state.repeats}` : ''}, iteration ${state.current.iteration}` : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <span data-testid="run-status"><StatusBadge status={state.status} /></span>
        {where && state.status === RUN_STATUS.running && <span className="text-sm text-zinc-600 dark:text-zinc-400">{where}</span>}
        <span className="ml-auto flex items-center gap-1.5 text-xs text-zinc-500" data-testid="stream-status">
          <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${stream === 'live' ? 'bg-emerald-500' : stream === 'reconnecting' ? 'bg-amber-500' : 'bg-zinc-400'}`} />
          {STREAM_LABEL[stream]} · event {count(state.lastSeq)}
        </span>
      </div>
      {showProgress && (
        <div>
          <ProgressBar fraction={p.fraction} label="Run progress" />
          <div className="mt-1 text-xs text-zinc-500">
            {p.total !== null ? `${p.done} of ${p.total} test measurements` : `${p.done} test measurements`}
          </div>
        </div>
      )}
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
        <Stat label="LM calls" value={count(state.lmTotals.calls)} hint={state.lmTotals.errors ? `${state.lmTotals.errors} failed` : undefined} />
        <Stat label="Tokens" value={count(state.lmTotals.promptTokens + state.lmTotals.completionTokens)} hint={`${count(state.lmTotals.promptTokens)} in · ${count(state.lmTotals.completionTokens)} out`} />
        <Stat label="Cost" value={usd(state.lmTotals.costUsd)} />
        <Stat
          label="Evaluations"
          value={count(workload?.sandboxEvaluations ?? state.evaluations.count)}
          hint={
            workload
              ? `${count(workload.distinctSolutions)} distinct of ${count(workload.utilityCalls)} solutions asked (${pct(workload.missRate)} cache misses)`
              : state.evaluations.count
                ? `${count(state.evaluations.cached)} cached · ${ms(state.evaluations.durationMs)}`
                : undefined
          }
        />
        <Stat
          label="Alerts"
          value={count(state.alertCounts.circumvention + state.alertCounts.error)}
          hint={`${state.alertCounts.circumvention} circumvention · ${state.alertCounts.error} errors`}
        />
      </dl>
    </div>
  );
}

'use client';

import { useMemo, useState } from 'react';
import { Figure4Chart } from '@/components/charts/figure4-chart';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { OverfittingPanel } from '@/components/research/overfitting-panel';
import type { BaselineReference } from '@/lib/charts/baselines';
import { figure4Data } from '@/lib/charts/figure4';
import { isTerminal, RUN_STATUS } from '@/lib/runs/status';
import { improverPoints, type ImproverPoint, type RunViewState } from '@/lib/runs/view-state';
import { experimentResultRows } from '@/lib/runs/experiment-result';
import type { EtaView } from '@/lib/runs/estimate-view';
import { AlertsPanel } from './alerts-panel';
import { CardBoundary } from './card-boundary';
import { CandidatesTable } from './candidates-table';
import { EtaCountdown } from './eta-countdown';
import { ExperimentResult } from './experiment-result';
import { ImproverCode } from './improver-code';
import { IterationsTable } from './iterations-table';
import { LiveSummary } from './live-summary';
import { LmCallLog } from './lm-call-log';
import { LogPanel } from './log-panel';
import { RunActions } from './run-actions';
import { useRefreshOnProgress } from './use-refresh-on-progress';
import { useRunEvents } from './use-run-events';

export interface RunViewProps {
  runId: string;
  initial: RunViewState;
  /** Set on shared pages: the stream and improver requests carry it. */
  shareToken?: string;
  /** Where "diff a → b" links go (the shared page keeps diffs inside the share). */
  diffBase: string;
  /** Whether to show cancel/fork/export (admins only; the server checks again on every action). */
  canAct?: boolean;
  /** The run's spend cap (a run stopped by it offers a resume with a higher one). */
  spendCap?: { maxCostUsd: number | null; maxTokens: number | null } | null;
  /** The run's kind: a STOP run shows its iterations; a single experiment (improve, meta-utility, baseline) its result. */
  kind?: string;
  /** Baselines of the same task and model, drawn as reference lines on Figure 4. */
  references?: BaselineReference[];
  /** The time estimate recorded at launch, for a live ETA while the run runs. */
  eta?: EtaView | null;
}

/** Latest adopted improver of repeat 0 (or of any repeat), the natural "result" of a run. */
function latestAdopted(points: ImproverPoint[]): ImproverPoint | null {
  const withCode = points.filter((p) => p.improverId !== null && p.adopted);
  const first = withCode.filter((p) => p.repeat === withCode[0]?.repeat);
  return first.at(-1) ?? null;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(compute: () => T): Attempt<T> {
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    return { ok: false, error };
  }
}

export function RunView({ runId, initial, shareToken, diffBase, canAct = false, spendCap = null, kind = 'stop', references = [], eta = null }: RunViewProps) {
  const { state, stream, streamError } = useRunEvents(runId, initial, shareToken);
  // Computed once for several cards; a failure is shown by each card that needs them (see CardBoundary).
  const derived = useMemo(() => attempt(() => {
    const points = improverPoints(state);
    return { points, data: figure4Data(points, state.iterations) };
  }), [state]);
  const points = derived.ok ? derived.value.points : [];
  useRefreshOnProgress(`${state.status}:${points.filter((p) => p.improverId !== null).length}`, isTerminal(state.status));
  const [chosen, setChosen] = useState<ImproverPoint | null>(null);
  const shown = chosen ?? latestAdopted(points);
  const maxIteration = points.reduce((max, p) => Math.max(max, p.iteration), 0);
  const needDerived = () => {
    if (!derived.ok) throw derived.error;
    return derived.value;
  };
  const diffHref = (a: number, b: number) => `${diffBase}${diffBase.includes('?') ? '&' : '?'}a=${a}&b=${b}`;

  return (
    <div className="space-y-6">
      <Card bodyClassName="p-4 sm:p-5">
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
          <div className="min-w-0 flex-1">
            <CardBoundary what="the summary">{() => <LiveSummary state={state} stream={stream} showProgress={kind === 'stop'} />}</CardBoundary>
            {eta && (
              <EtaCountdown eta={eta} running={state.status === RUN_STATUS.running} evaluationsDone={state.evaluations.count} lmCallsDone={state.lmTotals.calls} />
            )}
          </div>
          {canAct && <RunActions runId={runId} status={state.status} maxIteration={maxIteration} spendCap={spendCap} />}
        </div>
        {streamError && (
          <div className="mt-4">
            <Notice tone="error" title="The live stream reported a problem">{streamError}</Notice>
          </div>
        )}
      </Card>

      <div className="grid gap-6 xl:grid-cols-3">
        {kind === 'stop' ? (
          <Card
            id="figure4"
            className="xl:col-span-2"
            title="Meta-utility per iteration"
            description="Test meta-utility (held-out instances, on fresh copies independent of the selection), mean ± 1 standard error over repeats; faint lines are single repeats; dashed is training. Iteration 0 is the seed improver. A falling curve is a result, not a bug."
          >
            <CardBoundary what="the chart">{() => <Figure4Chart data={needDerived().data} references={references} />}</CardBoundary>
          </Card>
        ) : (
          <Card id="result" className="xl:col-span-2" title="Result" description="Scores are the task's utility on its training instances, and on held-out test instances where stated.">
            <CardBoundary what="the result">
              {() => <ExperimentResult kind={kind} runId={runId} rows={experimentResultRows(kind, state.result)} shared={shareToken !== undefined} />}
            </CardBoundary>
          </Card>
        )}
        <Card id="alerts" title="Alerts" description="Circumvention attempts and errors, as they happen.">
          <CardBoundary what="the alerts">{() => <AlertsPanel state={state} />}</CardBoundary>
        </Card>
      </div>

      {kind === 'stop' && (
        <>
          <Card id="overfitting" title="Training vs test" description="Per iteration: what selection saw (training û) against held-out data (test û), and the gap between them.">
            <CardBoundary what="training against test">{() => <OverfittingPanel points={needDerived().points} />}</CardBoundary>
          </Card>

          <Card id="iterations" title="Iterations and improvers" description="Each repeat is an independent STOP run; adopted improvers carry their detected strategies.">
            <CardBoundary what="the iterations">
              {() => <IterationsTable data={needDerived().data} points={needDerived().points} diffHref={diffHref} onShowCode={setChosen} selected={shown} />}
            </CardBoundary>
          </Card>

          <Card id="code" title={chosen ? 'Improver code' : 'Adopted improver'} description={chosen ? undefined : 'The latest adopted improver of the first repeat; pick another with “code” above.'}>
            <CardBoundary what="the improver">{() => <ImproverCode improverId={shown?.improverId ?? null} shareToken={shareToken} />}</CardBoundary>
          </Card>
        </>
      )}

      <Card id="lm-calls" title="LM calls" description="Every request to the model with tokens, latency and cost.">
        <CardBoundary what="the LM calls">{() => <LmCallLog state={state} />}</CardBoundary>
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card id="candidates" title="Candidates" description="Proposed improvers and solutions with their utilities.">
          <CardBoundary what="the candidates">{() => <CandidatesTable state={state} />}</CardBoundary>
        </Card>
        <Card id="log" title="Run log">
          <CardBoundary what="the log">{() => <LogPanel state={state} />}</CardBoundary>
        </Card>
      </div>
    </div>
  );
}

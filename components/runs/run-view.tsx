'use client';

import { useMemo, useState } from 'react';
import { Figure4Chart } from '@/components/charts/figure4-chart';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { OverfittingPanel } from '@/components/research/overfitting-panel';
import { figure4Data } from '@/lib/charts/figure4';
import { improverPoints, type ImproverPoint, type RunViewState } from '@/lib/runs/view-state';
import { experimentResultRows } from '@/lib/runs/experiment-result';
import type { EtaView } from '@/lib/runs/estimate-view';
import { AlertsPanel } from './alerts-panel';
import { CandidatesTable } from './candidates-table';
import { EtaCountdown } from './eta-countdown';
import { ExperimentResult } from './experiment-result';
import { ImproverCode } from './improver-code';
import { IterationsTable } from './iterations-table';
import { LiveSummary } from './live-summary';
import { LmCallLog } from './lm-call-log';
import { LogPanel } from './log-panel';
import { RunActions } from './run-actions';
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
  /** The time estimate recorded at launch, for a live ETA while the run runs. */
  eta?: EtaView | null;
}

/** Latest adopted improver of repeat 0 (or of any repeat), the natural "result" of a run. */
function latestAdopted(points: ImproverPoint[]): ImproverPoint | null {
  const withCode = points.filter((p) => p.improverId !== null && p.adopted);
  const first = withCode.filter((p) => p.repeat === withCode[0]?.repeat);
  return first.at(-1) ?? null;
}

export function RunView({ runId, initial, shareToken, diffBase, canAct = false, spendCap = null, kind = 'stop', eta = null }: RunViewProps) {
  const { state, stream, streamError } = useRunEvents(runId, initial, shareToken);
  const points = useMemo(() => improverPoints(state), [state]);
  const data = useMemo(() => figure4Data(points, state.iterations), [points, state.iterations]);
  const [chosen, setChosen] = useState<ImproverPoint | null>(null);
  const shown = chosen ?? latestAdopted(points);
  const maxIteration = points.reduce((max, p) => Math.max(max, p.iteration), 0);
  const diffHref = (a: number, b: number) => `${diffBase}${diffBase.includes('?') ? '&' : '?'}a=${a}&b=${b}`;

  return (
    <div className="space-y-6">
      <Card bodyClassName="p-4 sm:p-5">
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
          <div className="min-w-0 flex-1">
            <LiveSummary state={state} stream={stream} showProgress={kind === 'stop'} />
            {eta && (
              <EtaCountdown eta={eta} running={state.status === 'running'} evaluationsDone={state.evaluations.count} lmCallsDone={state.lmTotals.calls} />
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
            description="Test meta-utility (held-out instances), mean ± 1 standard error over repeats; faint lines are single repeats; dashed is training. Iteration 0 is the seed improver. A falling curve is a result, not a bug."
          >
            <Figure4Chart data={data} />
          </Card>
        ) : (
          <Card id="result" className="xl:col-span-2" title="Result" description="Scores are the task's utility on its training instances, and on held-out test instances where stated.">
            <ExperimentResult kind={kind} runId={runId} rows={experimentResultRows(kind, state.result)} shared={shareToken !== undefined} />
          </Card>
        )}
        <Card id="alerts" title="Alerts" description="Circumvention attempts and errors, as they happen.">
          <AlertsPanel state={state} />
        </Card>
      </div>

      {kind === 'stop' && (
        <>
          <Card id="overfitting" title="Training vs test" description="Per iteration: what selection saw (training û) against held-out data (test û), and the gap between them.">
            <OverfittingPanel points={points} />
          </Card>

          <Card id="iterations" title="Iterations and improvers" description="Each repeat is an independent STOP run; adopted improvers carry their detected strategies.">
            <IterationsTable data={data} points={points} diffHref={diffHref} onShowCode={setChosen} selected={shown} />
          </Card>

          <Card id="code" title={chosen ? 'Improver code' : 'Adopted improver'} description={chosen ? undefined : 'The latest adopted improver of the first repeat; pick another with “code” above.'}>
            <ImproverCode improverId={shown?.improverId ?? null} shareToken={shareToken} />
          </Card>
        </>
      )}

      <Card id="lm-calls" title="LM calls" description="Every request to the model with tokens, latency and cost.">
        <LmCallLog state={state} />
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card id="candidates" title="Candidates" description="Proposed improvers and solutions with their utilities.">
          <CandidatesTable state={state} />
        </Card>
        <Card id="log" title="Run log">
          <LogPanel state={state} />
        </Card>
      </div>
    </div>
  );
}

'use client';

import { useState, useTransition } from 'react';
import { cancelRunAction, forkRunAction, resumeRunAction } from '@/app/actions/runs';
import { Button, buttonClass } from '@/components/ui/button';
import { isTerminal, RUN_STATUS } from '@/lib/runs/status';
import { ResumeCapForm } from './resume-cap-form';

/** Cancel, resume (a failed run, e.g. a quarantined one), fork and export; only rendered for people allowed to act (the server checks again). */
export function RunActions({
  runId,
  status,
  maxIteration,
  spendCap = null,
}: {
  runId: string;
  status: string;
  maxIteration: number;
  spendCap?: { maxCostUsd: number | null; maxTokens: number | null } | null;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [forkFrom, setForkFrom] = useState(Math.max(0, maxIteration));

  const cancel = () =>
    startTransition(async () => {
      const result = await cancelRunAction(runId);
      setError(result.ok ? null : result.error);
    });
  const resume = () =>
    startTransition(async () => {
      const result = await resumeRunAction(runId);
      setError(result.ok ? null : result.error);
    });
  const fork = () =>
    startTransition(async () => {
      const result = await forkRunAction({ runId, iteration: forkFrom });
      if (result && !result.ok) setError(result.error);
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {!isTerminal(status) && (
          <Button variant="danger" onClick={cancel} disabled={pending} data-testid="cancel-run">
            Cancel run
          </Button>
        )}
        {status === RUN_STATUS.failed && (
          <Button variant="secondary" onClick={resume} disabled={pending} data-testid="resume-run">
            Resume run
          </Button>
        )}
        <span className="inline-flex items-center rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
          <label htmlFor="fork-iteration" className="pl-3 text-sm text-zinc-600 dark:text-zinc-300">Fork from</label>
          <select
            id="fork-iteration"
            value={forkFrom}
            onChange={(event) => setForkFrom(Number(event.target.value))}
            className="bg-transparent px-2 py-1.5 text-sm"
          >
            {Array.from({ length: maxIteration + 1 }, (_, i) => (
              <option key={i} value={i}>iteration {i}</option>
            ))}
          </select>
          <button type="button" onClick={fork} disabled={pending} className="border-l border-zinc-200 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
            Fork
          </button>
        </span>
        <a href={`/api/runs/${runId}/export`} className={buttonClass('secondary')} download>
          Export
        </a>
      </div>
      {status === RUN_STATUS.budgetReached && <ResumeCapForm runId={runId} cap={spendCap ?? { maxCostUsd: null, maxTokens: null }} />}
      {error && <p role="alert" className="max-w-md text-right text-sm text-rose-600 dark:text-rose-400">{error}</p>}
    </div>
  );
}

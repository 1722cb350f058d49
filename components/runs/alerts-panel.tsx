import { Badge } from '@/components/ui/badge';
import type { Alert, RunViewState } from '@/lib/runs/view-state';
import { RUN_STATUS } from '@/lib/runs/status';

function where(alert: Alert): string {
  const parts: string[] = [];
  if (alert.repeat !== null) parts.push(`repeat ${alert.repeat}`);
  if (alert.iteration !== null) parts.push(`iteration ${alert.iteration}`);
  if (alert.line !== null) parts.push(`line ${alert.line}`);
  return parts.join(' · ');
}

/** Circumvention attempts and errors, newest first, as they happen. */
export function AlertsPanel({ state }: { state: RunViewState }) {
  const alerts = [...state.alerts].reverse();
  const failure = state.error;
  if (alerts.length === 0 && !failure) {
    return <p className="text-sm text-zinc-500">No circumvention attempts or errors so far.</p>;
  }
  return (
    <ul className="max-h-[340px] space-y-2 overflow-y-auto pr-1" aria-live="polite" aria-label="Alerts" tabIndex={0} data-testid="alerts">
      {failure && failure.code === RUN_STATUS.budgetReached ? (
        <li role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          <div className="font-medium">Stopped at the spend cap</div>
          <div className="mt-0.5 break-words">{failure.message}</div>
        </li>
      ) : failure && (
        <li role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-200">
          <div className="font-medium">The run failed: {failure.code}</div>
          <div className="mt-0.5 break-words">{failure.message}</div>
        </li>
      )}
      {alerts.map((alert) => (
        <li key={alert.seq} className="rounded-lg border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={alert.kind === 'circumvention' ? 'warning' : 'danger'}>{alert.kind}</Badge>
            <span className="font-mono text-xs font-medium">{alert.title}</span>
            <span className="ml-auto text-[11px] text-zinc-500">{where(alert)}</span>
          </div>
          <p className="mt-1 break-words text-xs text-zinc-600 dark:text-zinc-400">{alert.detail}</p>
        </li>
      ))}
    </ul>
  );
}

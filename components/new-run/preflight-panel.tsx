import { Badge } from '@/components/ui/badge';
import { count, usd } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import type { PreflightReport } from '@/lib/stop/preflight';

export type PreflightState = { status: 'idle' } | { status: 'checking' } | { status: 'done'; report: PreflightReport } | { status: 'error'; error: string };

/** Syntax, signature, scanner findings and the cost estimate of the code in the editor. */
export function PreflightPanel({ state }: { state: PreflightState }) {
  if (state.status === 'idle') return <p className="text-sm text-zinc-500">The check runs as you type.</p>;
  if (state.status === 'checking') return <p className="text-sm text-zinc-500" role="status">Checking…</p>;
  if (state.status === 'error') return <Notice tone="warning" title="Preflight check unavailable">{state.error}</Notice>;
  const { report } = state;
  const { estimate } = report;
  return (
    <div className="space-y-3" data-testid="preflight">
      <div className="flex flex-wrap gap-2">
        <Badge tone={report.syntax.ok ? 'success' : 'danger'}>{report.syntax.ok ? 'syntax ok' : 'syntax error'}</Badge>
        <Badge tone={report.signature.ok ? 'success' : 'danger'}>
          {report.signature.ok ? `improve_algorithm(${report.signature.form === 'utility-str-utility' ? 'solution, utility_str, utility' : 'solution, utility, language_model'})` : 'signature problem'}
        </Badge>
        <Badge tone={report.findings.length ? 'warning' : 'success'}>{report.findings.length} finding{report.findings.length === 1 ? '' : 's'}</Badge>
      </div>
      {!report.syntax.ok && report.syntax.message && (
        <p className="text-sm text-rose-600 dark:text-rose-400">{report.syntax.line ? `Line ${report.syntax.line}: ` : ''}{report.syntax.message}</p>
      )}
      {!report.signature.ok && report.signature.message && <p className="text-sm text-rose-600 dark:text-rose-400">{report.signature.message}</p>}
      {report.findings.length > 0 && (
        <ul className="space-y-1 text-sm">
          {report.findings.map((finding, index) => (
            <li key={index} className="flex gap-2">
              <span className={finding.severity === 'error' ? 'text-rose-600 dark:text-rose-400' : 'text-amber-600 dark:text-amber-400'}>{finding.severity === 'error' ? '●' : '▲'}</span>
              <span>
                {finding.line !== null && <span className="font-mono text-xs text-zinc-500">L{finding.line} </span>}
                {finding.message} <span className="font-mono text-[11px] text-zinc-400">{finding.rule}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm sm:grid-cols-5">
        {[
          ['LM calls', count(estimate.lmCalls)],
          ['tokens', `~${count(estimate.tokens)}`],
          ['cost', usd(estimate.costUsd)],
          ['sandbox evals', count(estimate.sandboxEvaluations)],
          ['time', `~${estimate.minutes < 1 ? '<1' : Math.round(estimate.minutes)} min`],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-[11px] uppercase tracking-wider text-zinc-500">{label}</dt>
            <dd className="font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {report.spendCap && <SpendCapLine cap={report.spendCap} estimate={estimate} />}
      <p className="text-[11px] text-zinc-500" data-testid="estimate-basis">
        {estimate.seedObserved
          ? 'The seed’s own calls were counted by a dry run (stub model and utility, in the sandbox); '
          : 'The seed did not run to the end in a dry run, so it is assumed to use its budgets; '}
        improvers the model writes are assumed to use most of theirs.{' '}
        {estimate.rates.measured.evaluations ? 'Time from this installation’s measured evaluation rate.' : 'Time from a default rate (nothing measured here yet).'}{' '}
        The scripted model costs nothing unless the price table gives it a price.
      </p>
    </div>
  );
}

function SpendCapLine({ cap, estimate }: { cap: NonNullable<PreflightReport['spendCap']>; estimate: PreflightReport['estimate'] }) {
  const over = cap.overCost || cap.overTokens;
  const parts = [
    cap.maxCostUsd !== null ? `cost ${usd(estimate.costUsd)} of a ${usd(cap.maxCostUsd)} cap` : null,
    cap.maxTokens !== null ? `~${count(estimate.tokens)} of a ${count(cap.maxTokens)}-token cap` : null,
  ].filter(Boolean);
  return (
    <p data-testid="preflight-cap" className={`text-sm ${over ? 'text-amber-700 dark:text-amber-300' : 'text-zinc-600 dark:text-zinc-400'}`}>
      Spend cap: estimate {parts.join('; ')}.{' '}
      {over ? 'The run will probably stop with budget_reached before it finishes; you can resume it with a higher cap.' : 'The estimate fits under the cap.'}
    </p>
  );
}
